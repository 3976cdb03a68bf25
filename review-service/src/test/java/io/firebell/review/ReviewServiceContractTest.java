package io.firebell.review;

import io.firebell.platform.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ReviewServiceContractTest extends ServiceContractTest {}
