/**
 * Kafka for development and tests: a real single-node broker in its own JVM ({@link
 * dev.recsys.infra.KafkaBroker}), the project's topics created as the contract wants them ({@link
 * dev.recsys.infra.TopicSetup}; their names are {@code ranker}'s {@code Topics}), a JUnit 5 extension for
 * integration tests ({@link dev.recsys.infra.KafkaBrokerExtension}) and the entry point of {@code
 * ./recsys kafka} ({@link dev.recsys.infra.KafkaBrokerMain}).
 *
 * <p>Code outside this module needs only kafka-clients and {@code ranker} (and junit-jupiter-api for
 * the extension): the broker's own jars are named in the {@code broker.classpath} resource and loaded
 * only by the broker's JVM.
 */
package dev.recsys.infra;
