package eu.seta.gateway.token;

import eu.seta.gateway.support.Randomness;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Threads for RSA and EC work. An RS256 signature costs about a millisecond of CPU: done on a Netty event loop it
 * would stall every connection sharing that loop, so token issuance hands it here, one thread per core.
 */
@Component
public class CryptoWorkers implements DisposableBean {

	private final Scheduler scheduler = Schedulers.newParallel("seta-crypto",
			Runtime.getRuntime().availableProcessors(), true);

	CryptoWorkers() {
		// the random source seeds itself from the operating system on first use: let that be now, at start-up
		Randomness.bytes(1);
	}

	public Scheduler scheduler() {
		return this.scheduler;
	}

	@Override
	public void destroy() {
		this.scheduler.dispose();
	}

}
