package dev.recsys.cli;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a picocli option that is an action of one run, not a setting: it is read from the command
 * line only, never from a {@code RECSYS_} variable or the {@code --config} file. For example {@code
 * --fresh} (deleting the demo's data at every start would be a surprise) and {@code --restore-from}
 * (every restart would go back to the same checkpoint).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface CommandLineOnly {}
