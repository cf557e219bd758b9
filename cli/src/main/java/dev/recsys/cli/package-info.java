/**
 * What every command line of the project shares: picocli set up one way ({@link dev.recsys.cli.Cli}:
 * {@code --help} and {@code --version} everywhere, one usage-error path, exit code 2), settings from
 * flags, {@code RECSYS_} variables and a {@code --config} properties file in that order ({@link
 * dev.recsys.cli.Settings}), converters with messages that say what was expected, and the reference
 * tables of docs/CONFIGURATION.md made from the same models ({@link dev.recsys.cli.ReferenceDoc}).
 *
 * <p>A module of its own because the broker launcher, the stream job, the service and the tools all
 * need it, and {@code ranker} stays free of frameworks.
 */
package dev.recsys.cli;
