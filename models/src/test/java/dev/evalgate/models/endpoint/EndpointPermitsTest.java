package dev.evalgate.models.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class EndpointPermitsTest {
    // A server of its own per test: bounds live as long as the JVM.
    private final URI server = URI.create("http://127.0.0.1:9/answer-" + System.nanoTime());

    @Test
    void clientsGivingAServerTheSameBoundShareIt() throws Exception {
        EndpointPermits model = EndpointPermits.forEndpoint(server, 1);
        EndpointPermits judge = EndpointPermits.forEndpoint(server, 1);

        assertThat(model.acquire(Duration.ZERO)).isTrue();
        assertThat(judge.acquire(Duration.ZERO)).as("the one slot is taken by the model under test").isFalse();
        model.release();
        assertThat(judge.acquire(Duration.ZERO)).isTrue();
        judge.release();
    }

    @Test
    void aLaterClientWithAnotherBoundGetsItsOwnBound() throws Exception {
        EndpointPermits first = EndpointPermits.forEndpoint(server, 1);
        EndpointPermits edited = EndpointPermits.forEndpoint(server, 3);

        assertThat(edited.limit()).isEqualTo(3);
        assertThat(first.acquire(Duration.ZERO)).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(edited.acquire(Duration.ZERO)).isTrue();
        }
        assertThat(edited.acquire(Duration.ZERO)).isFalse();
    }
}
