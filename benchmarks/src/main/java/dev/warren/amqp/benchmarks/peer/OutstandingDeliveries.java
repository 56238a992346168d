package dev.warren.amqp.benchmarks.peer;

/**
 * The delivery tags a channel has sent to manual-ack consumers and the client has not settled yet, for prefetch
 * accounting. Tags are added in increasing order, so they sit in a ring sorted by tag: a multiple ack pops from the
 * head, a single one is found by binary search and marked settled until the head passes it.
 *
 * <p>Event loop only.
 */
final class OutstandingDeliveries {

    /** A ring, its length a power of two; a settled tag stays in it, negated, until the head passes it. */
    private long[] tags = new long[64];
    private int head;
    /** Entries in the ring, settled or not. */
    private int size;
    /** Entries not settled. */
    private int unsettled;

    /** How many deliveries are still waiting for an ack, nack or reject. */
    int unsettled() {
        return unsettled;
    }

    /** Records a delivery; {@code tag} is greater than every tag added before. */
    void add(long tag) {
        if (size == tags.length) {
            grow();
        }
        tags[(head + size) & (tags.length - 1)] = tag;
        size++;
        unsettled++;
    }

    /** Settles {@code tag}, or with {@code multiple} every outstanding tag up to it. Unknown tags are ignored. */
    void settle(long tag, boolean multiple) {
        if (multiple) {
            settleUpTo(tag);
        } else {
            settleOne(tag);
        }
        dropSettledHead();
    }

    private void settleUpTo(long tag) {
        int mask = tags.length - 1;
        while (size > 0) {
            long first = tags[head];
            long value = Math.abs(first);
            if (value > tag) {
                return;
            }
            if (first > 0) {
                unsettled--;
            }
            head = (head + 1) & mask;
            size--;
        }
    }

    private void settleOne(long tag) {
        int mask = tags.length - 1;
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int index = (head + middle) & mask;
            long value = Math.abs(tags[index]);
            if (value < tag) {
                low = middle + 1;
            } else if (value > tag) {
                high = middle - 1;
            } else {
                if (tags[index] > 0) {
                    // Settled entries stay, negated, so that the ring stays sorted for the search.
                    tags[index] = -tags[index];
                    unsettled--;
                }
                return;
            }
        }
    }

    private void dropSettledHead() {
        int mask = tags.length - 1;
        while (size > 0 && tags[head] < 0) {
            head = (head + 1) & mask;
            size--;
        }
    }

    private void grow() {
        long[] bigger = new long[tags.length * 2];
        int mask = tags.length - 1;
        for (int i = 0; i < size; i++) {
            bigger[i] = tags[(head + i) & mask];
        }
        tags = bigger;
        head = 0;
    }

    @Override
    public String toString() {
        return "OutstandingDeliveries[unsettled=" + unsettled + ", span=" + size + "]";
    }
}
