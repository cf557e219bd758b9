/**
 * Command-line flags of the infra entry points ({@code ./recsys kafka}, {@code ./recsys demo}).
 *
 * <p>Every flag takes one value ({@code --port 9092} or {@code --port=9092}); a bad value is
 * reported with the flag's name and the process exits with code 2, as shell tools do.
 */
package dev.recsys.infra.cli;
