/**
 * The operator and measurement commands of {@code ./recsys}: clients of the index service and the stream
 * job, never imported by them. Every command parses its flags with {@link dev.recsys.cli.Cli} (picocli),
 * so {@code --help}, {@code --version} and the usage errors (exit code 2) are the same everywhere. {@link
 * dev.recsys.tools.ConfigDoc} writes the settings reference, docs/CONFIGURATION.md.
 */
package dev.recsys.tools;
