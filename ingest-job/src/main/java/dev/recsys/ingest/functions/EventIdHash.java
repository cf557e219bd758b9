package dev.recsys.ingest.functions;

/**
 * A 64-bit hash of an eventId, what de-duplication remembers instead of the id itself. Two ids of
 * the same item collide with probability about n²/2⁶⁵ for n ids remembered for that item: for a
 * million ids of one item within the TTL, 3 in 100 million that one event is dropped as a
 * duplicate.
 */
final class EventIdHash {
    private EventIdHash() {}

    static long of(String eventId) {
        // FNV-1a over the UTF-16 code units, then the SplitMix64 finaliser so that every input bit
        // reaches every output bit (FNV alone mixes the last characters poorly).
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < eventId.length(); i++) {
            hash ^= eventId.charAt(i);
            hash *= 0x100000001b3L;
        }
        hash ^= eventId.length();
        hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
        hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
        return hash ^ (hash >>> 31);
    }
}
