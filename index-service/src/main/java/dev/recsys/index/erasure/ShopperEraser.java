package dev.recsys.index.erasure;

import dev.recsys.index.users.UserVectorStore;
import dev.recsys.ranker.records.Erasure;
import java.util.Objects;

/**
 * Erases a shopper: records the erasure on the {@code erasures} topic, then, once the brokers have
 * acknowledged it, erases the shopper from this service's store (their vectors, their slot and their
 * place in the shopper index) without waiting for the topic to come back round. Recorded first: a
 * shopper erased here but not on the topic would be back after a restart, and the stream job would
 * never learn of it.
 *
 * <p>The answer is the same whether or not the service held the shopper, and erasing again is safe.
 */
public final class ShopperEraser {
    private final ErasurePublisher publisher;
    private final UserVectorStore users;

    public ShopperEraser(ErasurePublisher publisher, UserVectorStore users) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.users = Objects.requireNonNull(users, "users");
    }

    /**
     * @return the erasure recorded
     * @throws ErasurePublisher.PublishException when the brokers did not acknowledge it (nothing was
     *     erased here)
     */
    public Erasure erase(String userId) {
        Erasure erasure = publisher.publish(userId);
        users.erase(erasure);
        return erasure;
    }
}
