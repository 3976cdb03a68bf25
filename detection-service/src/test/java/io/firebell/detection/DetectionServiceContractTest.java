package io.firebell.detection;

import io.firebell.platform.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DetectionServiceContractTest extends ServiceContractTest {}
