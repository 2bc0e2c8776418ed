/**
 * JMH benchmarks of the predictor. They are compiled with the tests (so they keep compiling) but
 * run only on request: {@code mvn -B -pl model-runtime -am -Pbench test-compile} (see model-runtime/README.md).
 */
package org.magicsteps.model.bench;
