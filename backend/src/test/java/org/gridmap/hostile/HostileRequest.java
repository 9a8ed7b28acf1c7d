package org.gridmap.hostile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpEntity;
import org.springframework.util.MultiValueMap;

/**
 * One request of the hostile-input catalogue, sent exactly as written: the path and query
 * are already percent-encoded (so that {@code %00}, {@code %C3%28} and {@code {…}} reach
 * the service unchanged), the body is raw bytes (or multipart parts), and a null content
 * type means no {@code Content-Type} header at all.
 */
record HostileRequest(String method, String uri, String contentType, byte[] body,
		MultiValueMap<String, HttpEntity<?>> parts, Map<String, String> headers) {

	static HostileRequest get(String uri) {
		return new HostileRequest("GET", uri, null, null, null, Map.of());
	}

	static HostileRequest post(String uri, String contentType, byte[] body) {
		return new HostileRequest("POST", uri, contentType, body, null, Map.of());
	}

	static HostileRequest post(String uri, String contentType, String body) {
		return post(uri, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	static HostileRequest json(String method, String uri, String body) {
		return new HostileRequest(method, uri, "application/json", body.getBytes(StandardCharsets.UTF_8), null,
				Map.of());
	}

	static HostileRequest multipart(String uri, MultiValueMap<String, HttpEntity<?>> parts) {
		return new HostileRequest("POST", uri, null, null, parts, Map.of());
	}

	HostileRequest withUri(String other) {
		return new HostileRequest(this.method, other, this.contentType, this.body, this.parts, this.headers);
	}

	HostileRequest header(String name, String value) {
		Map<String, String> all = new LinkedHashMap<>(this.headers);
		all.put(name, value);
		return new HostileRequest(this.method, this.uri, this.contentType, this.body, this.parts, all);
	}

	/**
	 * Everything the client sent, as text, to tell echoed input from leaked internals.
	 */
	String sentText() {
		StringBuilder text = new StringBuilder(decode(this.uri));
		if (this.body != null && this.body.length < 1_000_000) {
			text.append(new String(this.body, StandardCharsets.UTF_8));
		}
		if (this.parts != null) {
			text.append(this.parts);
		}
		this.headers.values().forEach(text::append);
		return text.toString();
	}

	/** Percent-encodes a query value, spaces as %20 (a '+' stays a '+' in Spring). */
	static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String decode(String uri) {
		try {
			return java.net.URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return uri;
		}
	}

	@Override
	public String toString() {
		String shown = (this.uri.length() > 160) ? this.uri.substring(0, 160) + "…" : this.uri;
		return this.method + " " + shown;
	}

}
