package io.firebell.platform.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
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

  /**
   * The statement that inserts {@code rows} (of one table, each naming the same columns) from the
   * JSON array ({@link #json(List, ObjectMapper)}) bound to parameter {@code parameter}, in the
   * order given: an identity column numbers them in that order.
   */
  public static String insert(List<JsonRow> rows, int parameter) {
    JsonRow first = rows.get(0);
    for (JsonRow row : rows) {
      if (!row.table.equals(first.table) || !row.columns.keySet().equals(first.columns.keySet())) {
        throw new IllegalArgumentException("rows of one statement share a table and columns");
      }
    }
    if (rows.size() == 1) {
      return first.insert(parameter);
    }
    String names = String.join(", ", first.columns.keySet());
    return "insert into "
        + first.table
        + " ("
        + names
        + ") select "
        + names
        + " from jsonb_populate_recordset(cast(null as "
        + first.table
        + "), cast(cast(?"
        + parameter
        + " as text) as jsonb)) with ordinality as r order by r.ordinality";
  }

  /** The value to bind to {@link #insert(List, int)}'s parameter. */
  public static String json(List<JsonRow> rows, ObjectMapper mapper) {
    if (rows.size() == 1) {
      return rows.get(0).json(mapper);
    }
    try {
      return mapper.writeValueAsString(rows.stream().map(JsonRow::columns).toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode rows of " + rows.get(0).table, e);
    }
  }
}
