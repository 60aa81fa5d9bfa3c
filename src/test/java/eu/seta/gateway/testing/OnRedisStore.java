package eu.seta.gateway.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Runs a {@link GatewayIntegrationTest} on the Redis store, against the suite's own Redis ({@link TestRedis#shared()})
 * under a key prefix of its own. A test class written for the memory store gets its Redis twin as an empty subclass
 * with this annotation, so both stores answer the same assertions; all such classes share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(OnRedisStore.Factory.class)
public @interface OnRedisStore {

	/**
	 * Before every key the gateways of these tests write; {@link GatewayIntegrationTest} inspects what is under it.
	 * Each application context adds a part of its own ({@code it:c7:}), so that what one context publishes or
	 * stores (a principal's revocation, with its own clock's time) never reaches another one sharing the server.
	 */
	String KEY_PREFIX = "it:";

	/** Adds the Redis settings to the contexts of annotated classes, and to no other. */
	final class Factory implements ContextCustomizerFactory {

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			return TestContextAnnotationUtils.hasAnnotation(testClass, OnRedisStore.class) ? new RedisStoreSettings()
					: null;
		}

	}

	/** Equal to every other instance, so that the test framework caches one context for all Redis classes. */
	final class RedisStoreSettings implements ContextCustomizer {

		private static final AtomicInteger CONTEXTS = new AtomicInteger();

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			// the suite checks behaviour, not latency: a loaded test machine must not turn a slow answer (or a slow first
			// connection, which config/application.yml allows 1 s) into a 503
			Map<String, Object> settings = Map.of("seta.store.type", "redis", "spring.data.redis.host", "127.0.0.1",
					"spring.data.redis.port", TestRedis.shared().port(), "seta.store.redis.key-prefix", KEY_PREFIX + "c" + CONTEXTS.incrementAndGet() + ":",
					"seta.store.redis.command-timeout", "5s", "spring.data.redis.connect-timeout", "5s");
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("redis-store", settings));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof RedisStoreSettings;
		}

		@Override
		public int hashCode() {
			return RedisStoreSettings.class.hashCode();
		}

	}

}
