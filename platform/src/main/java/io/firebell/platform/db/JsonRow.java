package io.firebell.platform.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A row to insert as part of another statement, given as its values by column name: the outbox's
 * append or the delivery queue's enqueue writes it in the same round trip as its own rows (ADR
 * 0155, 0156). PostgreSQL converts each JSON value to its column's type ({@code
 * jsonb_populate_record}): a string to a uuid or a timestamp, an array to an array column. A column
 * left out gets its default.
 *
 * @param table the table, a constant of the code (never user input)
 * @param columns the row's values by column name, constants of the code too; the values are data
 */
public record JsonRow(String table, Map<String, Object> columns) {

  private static final Pattern NAME = Pattern.compile("[a-z_]+");

  public JsonRow {
    if (!NAME.matcher(table).matches()) {
      throw new IllegalArgumentException("not a table name: " + table);
    }
    if (columns.isEmpty()) {
      throw new IllegalArgumentException(table + ": a row needs a column");
    }
    for (String column : columns.keySet()) {
      if (!NAME.matcher(column).matches()) {
        throw new IllegalArgumentException(table + ": not a column name: " + column);
      }
    }
  }

  /** The JSON object of {@link #columns()}, the value to bind to the statement's parameter. */
  public String json(ObjectMapper mapper) {
    try {
      return mapper.writeValueAsString(columns);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a row of " + table, e);
    }
  }

  /**
   * The statement that inserts this row from the JSON object (of {@link #columns()}) bound to
   * parameter {@code parameter}, e.g. {@code ?9}; usable as a data-modifying {@code WITH} query.
   */
  public String insert(int parameter) {
    String names = String.join(", ", columns.keySet());
    return "insert into "
        + table
        + " ("
        + names
        + ") select "
        + names
        + " from jsonb_populate_record(cast(null as "
        + table
        + "), cast(cast(?"
        + parameter
        + " as text) as jsonb))";
  }
}
