package eu.seta.gateway.edge;

import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelPipeline;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * What keeps slow and broken clients from holding the edge's connections: the header deadline
 * ({@link HeaderDeadline}) and JSON answers to what Netty's decoder refuses ({@link DecodingFailureAnswers}). The
 * idle keep-alive timeout is Spring Boot's {@code server.netty.idle-timeout}.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionLimits {

	private static final String HEADER_BYTES = "seta.headerDeadline.bytes";

	private static final String HEADER_MESSAGES = "seta.headerDeadline.messages";

	private static final String DECODING_FAILURES = "seta.decodingFailures";

	@Bean
	NettyServerCustomizer connectionLimitsCustomizer(ConnectionProperties connections, MeterRegistry meters) {
		return customizer(connections, DecodingFailureAnswers.perConnection(meters, "public"));
	}

	/** Also the management port's ({@link ManagementConnectionLimits}): once per pipeline, whoever comes first. */
	static NettyServerCustomizer customizer(ConnectionProperties connections,
			Supplier<DecodingFailureAnswers> answers) {
		return (server) -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
				ChannelPipeline pipeline = channel.pipeline();
				if (pipeline.get(NettyPipeline.HttpCodec) == null || pipeline.get(DECODING_FAILURES) != null) {
					return;
				}
				HeaderDeadline deadline = new HeaderDeadline(connections.headerTimeout());
				pipeline.addBefore(NettyPipeline.HttpCodec, HEADER_BYTES, deadline.bytes());
				// right behind the codec, before the request-target encoder and Reactor Netty's own handlers
				pipeline.addAfter(NettyPipeline.HttpCodec, HEADER_MESSAGES, deadline.messages());
				pipeline.addAfter(HEADER_MESSAGES, DECODING_FAILURES, answers.get());
			});
	}

}
