package io.firebell.broadcast;

import io.firebell.platform.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BroadcastServiceContractTest extends ServiceContractTest {}
