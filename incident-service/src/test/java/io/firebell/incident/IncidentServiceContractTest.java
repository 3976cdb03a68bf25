package io.firebell.incident;

import io.firebell.platform.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class IncidentServiceContractTest extends ServiceContractTest {}
