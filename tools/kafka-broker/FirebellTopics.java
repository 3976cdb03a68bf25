import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Waits until a freshly started broker answers and then creates every topic of
 * config/topics.tsv that does not exist yet, all in one JVM: one TopicCommand JVM per topic
 * costs seconds each on a small machine.
 *
 * <p>./firebell compiles it once into .firebell/kafka/tools and runs {@code java -cp
 * '.firebell/kafka/tools:.firebell/kafka/lib/*' FirebellTopics <bootstrap> <topics.tsv>
 * <timeout-seconds>}. Exit codes: 0 done, 1 bad arguments or topic file, 2 broker not usable in
 * time, 3 a topic could not be created.
 */
public class FirebellTopics {

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: FirebellTopics <bootstrap> <topics.tsv> <timeout-seconds>");
      System.exit(1);
    }
    String bootstrap = args[0];
    List<NewTopic> wanted = readTopics(Path.of(args[1]));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));

    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "firebell-topics");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
    try (Admin admin = Admin.create(props)) {
      awaitUsable(admin, bootstrap, deadline);
      int failures = 0;
      var results = admin.createTopics(wanted).values();
      for (NewTopic topic : wanted) {
        try {
          results.get(topic.name()).get(30, TimeUnit.SECONDS);
          System.out.printf(
              "created %s (%d partitions, retention.ms=%s)%n",
              topic.name(), topic.numPartitions(), topic.configs().get("retention.ms"));
        } catch (ExecutionException e) {
          if (e.getCause() instanceof TopicExistsException) {
            System.out.printf("exists  %s%n", topic.name());
          } else {
            System.err.printf("could not create %s: %s%n", topic.name(), e.getCause());
            failures++;
          }
        }
      }
      if (failures > 0) {
        System.exit(3);
      }
      checkPartitions(admin, wanted);
      applyConfigs(admin, wanted);
    }
  }

  /** The broker is usable once it has a controller and answers metadata requests. */
  private static void awaitUsable(Admin admin, String bootstrap, long deadline)
      throws InterruptedException {
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (admin.describeCluster().controller().get(5, TimeUnit.SECONDS) != null) {
          admin.listTopics().names().get(5, TimeUnit.SECONDS);
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(250);
    }
    System.err.printf(
        "broker at %s not usable in time: %s%n", bootstrap, last == null ? "no answer" : last);
    System.exit(2);
  }

  /** Existing topics are left alone; a partition count that differs from the file is reported. */
  private static void checkPartitions(Admin admin, List<NewTopic> wanted) throws Exception {
    List<String> names = wanted.stream().map(NewTopic::name).toList();
    Map<String, TopicDescription> actual =
        admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
    for (NewTopic topic : wanted) {
      int partitions = actual.get(topic.name()).partitions().size();
      if (partitions != topic.numPartitions()) {
        System.err.printf(
            "warning: %s has %d partitions, config/topics.tsv says %d%n",
            topic.name(), partitions, topic.numPartitions());
      }
    }
  }

  /**
   * Topics that existed already get the file's settings too (a broker started before a setting
   * changed, e.g. a larger max.message.bytes for bigger ingest records).
   */
  private static void applyConfigs(Admin admin, List<NewTopic> wanted) throws Exception {
    Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
    for (NewTopic topic : wanted) {
      changes.put(
          new ConfigResource(ConfigResource.Type.TOPIC, topic.name()),
          topic.configs().entrySet().stream()
              .map(e -> new ConfigEntry(e.getKey(), e.getValue()))
              .map(entry -> new AlterConfigOp(entry, AlterConfigOp.OpType.SET))
              .toList());
    }
    admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
  }

  /**
   * Columns: name, partitions, replication, retention.ms, max.message.bytes; '#' starts a comment
   * line.
   */
  private static List<NewTopic> readTopics(Path file) throws Exception {
    List<NewTopic> topics = new ArrayList<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(file)) {
      lineNo++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] cols = trimmed.split("\\s+");
      if (cols.length != 5) {
        System.err.printf("%s:%d: expected 5 columns, got %d%n", file, lineNo, cols.length);
        System.exit(1);
      }
      topics.add(
          new NewTopic(cols[0], Integer.parseInt(cols[1]), Short.parseShort(cols[2]))
              .configs(Map.of("retention.ms", cols[3], "max.message.bytes", cols[4])));
    }
    if (topics.isEmpty()) {
      System.err.printf("%s: no topics%n", file);
      System.exit(1);
    }
    return topics;
  }
}
