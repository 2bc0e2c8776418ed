/**
 * JMH benchmarks of the predictor. They are compiled with the tests (so they keep compiling) but
 * run only on request: {@code mvn -B -pl model -am -Pbench test-compile} (see model/README.md).
 */
package org.magicsteps.model.bench;
