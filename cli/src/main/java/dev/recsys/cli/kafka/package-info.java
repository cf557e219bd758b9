/**
 * How every command reaches Kafka: the brokers, and client properties (TLS, SASL, anything else a
 * cluster needs) passed through to each producer and consumer on top of the project's own, except the
 * few the project's guarantees depend on ({@link dev.recsys.cli.kafka.KafkaSettings#RESERVED}).
 */
package dev.recsys.cli.kafka;
