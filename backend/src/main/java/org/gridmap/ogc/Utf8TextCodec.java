package org.gridmap.ogc;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.postgresql.client.EncodedParameter;
import io.r2dbc.postgresql.codec.Codec;
import io.r2dbc.postgresql.extension.CodecRegistrar;
import io.r2dbc.postgresql.message.Format;
import reactor.core.publisher.Mono;

import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads {@code text} and {@code varchar} columns as {@link Utf8Text} when a row is asked
 * for that type, copying the bytes out of the driver's buffer. Decoding a 10,000-feature
 * page into Strings and encoding it back took about half of the service's CPU time for
 * that page (JFR, bench/ogc.sh). The driver sets client_encoding to UTF8, so the bytes,
 * in either wire format, are UTF-8. Registered first on every connection, and only ever
 * chosen for {@link Utf8Text}: every other read decodes as before.
 */
final class Utf8TextCodec implements Codec<Utf8Text> {

	private static final int TEXT = 25;

	private static final int VARCHAR = 1043;

	@Override
	public boolean canDecode(int dataType, Format format, Class<?> type) {
		return type == Utf8Text.class && (dataType == TEXT || dataType == VARCHAR);
	}

	@Override
	public Utf8Text decode(ByteBuf buffer, int dataType, Format format, Class<? extends Utf8Text> type) {
		return (buffer != null) ? new Utf8Text(ByteBufUtil.getBytes(buffer)) : null;
	}

	@Override
	public boolean canEncode(Object value) {
		return false;
	}

	@Override
	public boolean canEncodeNull(Class<?> type) {
		return false;
	}

	@Override
	public EncodedParameter encode(Object value) {
		throw new UnsupportedOperationException("Utf8Text is only read");
	}

	@Override
	public EncodedParameter encode(Object value, int dataType) {
		throw new UnsupportedOperationException("Utf8Text is only read");
	}

	@Override
	public EncodedParameter encodeNull() {
		throw new UnsupportedOperationException("Utf8Text is only read");
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		ConnectionFactoryOptionsBuilderCustomizer utf8TextCodec() {
			CodecRegistrar registrar = (connection, allocator, registry) -> {
				registry.addFirst(new Utf8TextCodec());
				return Mono.empty();
			};
			return (builder) -> builder.option(PostgresqlConnectionFactoryProvider.EXTENSIONS, List.of(registrar));
		}

	}

}
