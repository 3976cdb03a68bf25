package io.firebell.broadcast.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebell.broadcast.model.GlossaryTerm;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JargonCheckTest {

  private static final List<GlossaryTerm> GLOSSARY =
      List.of(
          new GlossaryTerm("scale out", "adding capacity", Instant.EPOCH),
          new GlossaryTerm("5xx", "errors", Instant.EPOCH),
          new GlossaryTerm("DB", "our systems", Instant.EPOCH),
          new GlossaryTerm("pod", "part of the service", Instant.EPOCH));

  @Test
  void findsWholeWordsRegardlessOfCaseWithTheirPosition() {
    String text = "We SCALE  OUT now; 5xx from the db. Pods restart.";
    List<JargonCheck.Finding> findings = JargonCheck.check("customers", text, GLOSSARY);
    assertThat(findings)
        .extracting(JargonCheck.Finding::term)
        .containsExactly("scale out", "5xx", "DB", "pod");
    JargonCheck.Finding first = findings.get(0);
    assertThat(first.found()).isEqualTo("SCALE  OUT");
    assertThat(first.position()).isEqualTo(3);
    assertThat(first.audience()).isEqualTo("customers");
    assertThat(first.suggestion()).isEqualTo("adding capacity");
    assertThat(text.substring(findings.get(2).position())).startsWith("db");
  }

  @Test
  void wordsThatMerelyContainATermAreNotJargon() {
    assertThat(JargonCheck.check("c", "Podcasts, dbx, a5xx and scale outward", GLOSSARY)).isEmpty();
    assertThat(JargonCheck.check("c", "scale-out", GLOSSARY)).hasSize(1);
  }
}
