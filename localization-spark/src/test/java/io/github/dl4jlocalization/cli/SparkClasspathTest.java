package io.github.dl4jlocalization.cli;

/**
 * The checks of {@link ApplicationClasspathTest} on the class path of {@code --engine spark}: the
 * application with the Spark engine and embedded Spark.
 */
class SparkClasspathTest extends ApplicationClasspathTest {
}
