/**
 * Starting and stopping child JVMs.
 *
 * <p>The broker, the stream job and the index service each run in their own JVM so that their
 * classpaths never mix (the broker brings Scala and its own Jackson; Flink brings another set).
 * {@link dev.recsys.infra.process.ChildJvm} is the one place that launches such a JVM, sends its
 * output to a log file and stops it without leaving orphans; {@link
 * dev.recsys.infra.process.OrphanGuard} makes the child exit by itself when the JVM that launched
 * it is killed outright (when no shutdown hook gets the chance to run).
 */
package dev.recsys.infra.process;
