package eu.seta.gateway.edge;

import java.util.function.Supplier;

import eu.seta.gateway.accesslog.AccessLogProperties;
import eu.seta.gateway.errors.ErrorResponses;
import eu.seta.gateway.tracing.TracingSwitch;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelPipeline;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import reactor.netty.NettyPipeline;

/**
 * What keeps slow and broken clients from holding the edge's connections: the header deadline
 * ({@link HeaderDeadline}) and JSON answers to what Netty's decoder refuses ({@link RefusalsBeforeExchange}). The
 * idle keep-alive timeout is Spring Boot's {@code server.netty.idle-timeout}.
 */
@Configuration(proxyBeanMethods = false)
class ConnectionLimits {

	private static final String HEADER_BYTES = "seta.headerDeadline.bytes";

	private static final String HEADER_MESSAGES = "seta.headerDeadline.messages";

	private static final String DECODING_FAILURES = "seta.decodingFailures";

	private static final String PIPELINED_REQUESTS = "seta.pipelinedRequests";

	@Bean
	NettyServerCustomizer connectionLimitsCustomizer(ConnectionProperties connections, MeterRegistry meters,
			AccessTokenDecoder decoder, ErrorResponses errors, EdgeProperties edge, Environment environment) {
		return customizer(connections, RefusalsBeforeExchange.perConnection(meters, "public",
				tokenRefusal(connections, decoder, errors, edge, environment)));
	}

	/**
	 * None when switched off, or when every refusal must become an access-log line or a trace span: both are written
	 * on the exchange path, which then judges every token. None either with settings under which Reactor Netty or
	 * WebFlux answer some requests before the edge's filter (a base path: 404 outside it) or count requests per
	 * connection (a keep-alive limit): refusals made before the exchange would escape both.
	 */
	private static @Nullable TokenRefusalBeforeExchange tokenRefusal(ConnectionProperties connections,
			AccessTokenDecoder decoder, ErrorResponses errors, EdgeProperties edge, Environment environment) {
		boolean accessLog = environment.getProperty(AccessLogProperties.PREFIX + ".enabled", Boolean.class, false);
		boolean tracing = environment.getProperty(TracingSwitch.PROPERTY, Boolean.class, false);
		boolean answeredOrCountedBeforeTheEdge = environment.containsProperty("spring.webflux.base-path")
				|| environment.containsProperty("server.netty.max-keep-alive-requests");
		if (!connections.refuseTokensBeforeExchange() || accessLog || tracing || answeredOrCountedBeforeTheEdge) {
			return null;
		}
		return new TokenRefusalBeforeExchange(decoder, errors, edge.maxHeaderBytes());
	}

	/** Also the management port's ({@link ManagementConnectionLimits}): once per pipeline, whoever comes first. */
	static NettyServerCustomizer customizer(ConnectionProperties connections,
			Supplier<RefusalsBeforeExchange> answers) {
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
				if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
					pipeline.addBefore(NettyPipeline.HttpTrafficHandler, PIPELINED_REQUESTS, new PipelinedRequests());
				}
			});
	}

}
