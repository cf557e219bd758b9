/**
 * {@code ./recsys demo}: the whole system on one machine in three JVMs.
 *
 * <p>{@link dev.recsys.infra.demo.DemoMain} starts a Kafka broker, the Flink stream job ({@code
 * dev.recsys.ingest.IngestJobMain}, embedded MiniCluster) and the index service ({@code
 * dev.recsys.index.ServiceMain --demo}, which also simulates shoppers), waits until the service answers
 * {@code /readyz}, prints what to try, and on Ctrl-C stops them in the reverse order of the data flow
 * (service, job, broker) so that nothing is left running. Their data stays in one folder ({@code
 * DemoData}) and is reused by the next run unless it is started with {@code --fresh}; a part that dies
 * is started again ({@code DemoSupervisor}). The job and the service are launched by class name with
 * the classpaths the launcher script passes, so this module does not depend on them.
 */
package dev.recsys.infra.demo;
