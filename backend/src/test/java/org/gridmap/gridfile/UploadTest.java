package org.gridmap.gridfile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Uploads stream into a temporary file and stop at the byte limit, whatever the client
 * declares (a chunked body has no length to check first).
 */
class UploadTest {

	static final DefaultDataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

	@Test
	void aStreamedBodyStopsAtTheLimitAndLeavesNoFile() {
		long limit = 4L * 1024 * 1024;
		int[] sent = { 0 };
		Flux<DataBuffer> body = Flux.range(0, 70).map((i) -> {
			sent[0]++;
			return BUFFERS.wrap(new byte[1024 * 1024]);
		});
		MockServerHttpRequest request = MockServerHttpRequest.post("/api/v1/grids/imports/preview")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(body);
		assertThatThrownBy(() -> Upload.receive(request, limit).block()).isInstanceOfSatisfying(GridfileProblem.class,
				(p) -> {
					assertThat(p.getStatusCode().value()).isEqualTo(413);
					assertThat(p.getBody().getProperties()).containsEntry("limit", "bytes");
				});
		assertThat(sent[0]).isLessThan(10);
	}

	@Test
	void aRawBodyIsStoredWithItsQueryParameters() throws Exception {
		MockServerHttpRequest request = MockServerHttpRequest.post("/x?crs=GCJ-02&format=geojson")
			.contentType(MediaType.parseMediaType("application/geo+json"))
			.body("{\"type\":\"FeatureCollection\"}");
		try (Upload upload = Upload.receive(request, 1024).block()) {
			assertThat(upload.parameter("crs")).isEqualTo("GCJ-02");
			assertThat(Files.readString(upload.file(), StandardCharsets.UTF_8)).startsWith("{\"type\"");
			assertThat(upload.bytes()).isEqualTo(28);
		}
	}

}
