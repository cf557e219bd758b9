package dev.recsys.index;

import dev.recsys.index.feed.ProtectedGroup;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The service's settings, from command-line flags. Every flag has a default (listed in {@link
 * #USAGE}); a bad value is rejected with a message naming the flag.
 *
 * @param bootstrapServers {@code --bootstrap-servers}: Kafka brokers, default {@value
 *     #DEFAULT_BOOTSTRAP_SERVERS}
 * @param httpPort {@code --http-port}: HTTP port, 0 picks a free one; default {@value #DEFAULT_HTTP_PORT}
 * @param bindAddress {@code --bind-address}: the address HTTP listens on, default {@value
 *     #DEFAULT_BIND_ADDRESS} (this machine only); {@code 0.0.0.0} for every interface
 * @param catalog {@code --catalog}: a catalog file (JSON Lines), or {@code null} with {@code --demo}
 * @param dataDir {@code --data}: where index generations live, default {@value #DEFAULT_DATA_DIR}
 * @param demo {@code --demo}: generate a sample catalog (unless {@code --catalog} is given) and run
 *     the shopper simulator
 * @param simulatedShoppers {@code --simulated-shoppers}: shoppers the demo simulates, default
 *     {@value #DEFAULT_SIMULATED_SHOPPERS}
 * @param simulatorRate {@code --simulator-rate}: events per second the demo produces, default
 *     {@value #DEFAULT_SIMULATOR_RATE}
 * @param adminToken {@code --admin-token}, else the environment variable {@value #ADMIN_TOKEN_ENV}: the
 *     bearer token of the admin endpoints; {@code null} makes the service generate one and log it once
 * @param protectedGroup {@code --protected-group}: the items the fairness pass protects, {@code
 *     tier:small[,…]}, {@code new:P30D} or {@code long-tail:1000} (see {@link
 *     dev.recsys.index.feed.ProtectedGroup}); default {@value #DEFAULT_PROTECTED_GROUP}
 * @param apiToken {@code --api-token}, else the environment variable {@value #API_TOKEN_ENV}: when set,
 *     the shopper-facing endpoints (feed, search, items, events, users) need {@code Authorization: Bearer}
 *     with it or the admin token; {@code null} leaves them open (the shopper record always needs a token)
 * @param catalogDirs {@code --catalog-dir} (repeatable): the folders, besides {@code --data}, whose files
 *     reindex and CF sources named in a request may be read from; nothing else on the server is
 * @param acceptUnknownItems {@code --accept-unknown-items}: accept events for items the live catalog does
 *     not hold (yet); without it they are answered 422
 */
public record ServiceConfig(
        String bootstrapServers,
        int httpPort,
        Path catalog,
        Path dataDir,
        boolean demo,
        int simulatedShoppers,
        double simulatorRate,
        String adminToken,
        ProtectedGroup.Spec protectedGroup,
        String bindAddress,
        String apiToken,
        List<Path> catalogDirs,
        boolean acceptUnknownItems) {

    /** The environment variable read when {@code --admin-token} is not given. */
    public static final String ADMIN_TOKEN_ENV = "RECSYS_ADMIN_TOKEN";

    /** The environment variable read when {@code --api-token} is not given. */
    public static final String API_TOKEN_ENV = "RECSYS_API_TOKEN";

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final String DEFAULT_DATA_DIR = "./data/service";
    public static final int DEFAULT_SIMULATED_SHOPPERS = 50;
    public static final double DEFAULT_SIMULATOR_RATE = 20;
    public static final String DEFAULT_PROTECTED_GROUP = "tier:small";

    /** The demo catalog: size and seed of the generated sample. */
    public static final int DEMO_CATALOG_SIZE = 6_000;

    public static final long DEMO_CATALOG_SEED = 42;

    public static final int MAX_SIMULATED_SHOPPERS = 100_000;
    public static final double MAX_SIMULATOR_RATE = 10_000;

    public static final String USAGE =
            """
            usage: index-service (--catalog FILE.jsonl | --demo) [flags]
              --bootstrap-servers HOST:PORT[,...]  Kafka brokers (default 127.0.0.1:9092)
              --http-port N                        HTTP port, 0 for any free port (default 8080)
              --bind-address ADDR                  address HTTP listens on; 0.0.0.0 for every interface (default 127.0.0.1)
              --catalog FILE.jsonl                 the catalog to index, one item per line
              --data DIR                           index generations go to DIR/index/gen-<n> (default ./data/service)
              --demo                               sample catalog (6000 items, seed 42) unless --catalog, plus simulated shoppers
              --simulated-shoppers N               shoppers the demo simulates (default 50)
              --simulator-rate N                   events per second the demo produces (default 20)
              --admin-token TOKEN                  bearer token of /v1/admin/* (default: $RECSYS_ADMIN_TOKEN, else a random one, logged)
              --api-token TOKEN                    bearer token the shopper-facing endpoints require (default: $RECSYS_API_TOKEN, else none)
              --catalog-dir DIR                    a folder reindex and CF sources may be read from, besides --data (repeatable)
              --accept-unknown-items               accept events for items not in the catalog yet (default: 422)
              --protected-group SPEC               items the fairness pass protects: tier:small[,...] | new:P30D | long-tail:1000 (default tier:small)
            """;

    public ServiceConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new UsageException("--bootstrap-servers must not be empty");
        }
        if (httpPort < 0 || httpPort > 65_535) {
            throw new UsageException("--http-port must be between 0 and 65535, got " + httpPort);
        }
        if (catalog == null && !demo) {
            throw new UsageException("--catalog FILE.jsonl is required (or --demo for a sample catalog)");
        }
        if (dataDir == null) {
            throw new UsageException("--data must name a folder");
        }
        if (simulatedShoppers < 1 || simulatedShoppers > MAX_SIMULATED_SHOPPERS) {
            throw new UsageException("--simulated-shoppers must be between 1 and " + MAX_SIMULATED_SHOPPERS + ", got "
                    + simulatedShoppers);
        }
        if (!(simulatorRate > 0) || simulatorRate > MAX_SIMULATOR_RATE) {
            throw new UsageException("--simulator-rate must be above 0 and at most " + (long) MAX_SIMULATOR_RATE
                    + " events per second, got " + simulatorRate);
        }
        if (adminToken != null && (adminToken.isBlank() || adminToken.length() > 256)) {
            throw new UsageException("--admin-token must be 1 to 256 characters");
        }
        if (apiToken != null && (apiToken.isBlank() || apiToken.length() > 256)) {
            throw new UsageException("--api-token must be 1 to 256 characters");
        }
        if (apiToken != null && apiToken.equals(adminToken)) {
            throw new UsageException("--api-token must differ from --admin-token");
        }
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new UsageException("--bind-address must name an address");
        }
        catalogDirs = catalogDirs == null ? List.of() : List.copyOf(catalogDirs);
    }

    /** The folders server-side sources may be read from: {@code --data} first, then every {@code --catalog-dir}. */
    public List<Path> sourceFolders() {
        List<Path> folders = new ArrayList<>();
        folders.add(dataDir);
        folders.addAll(catalogDirs);
        return List.copyOf(folders);
    }

    /** Parses {@code --flag value} and {@code --flag=value} arguments. */
    public static ServiceConfig parse(String... args) {
        String bootstrapServers = DEFAULT_BOOTSTRAP_SERVERS;
        int httpPort = DEFAULT_HTTP_PORT;
        Path catalog = null;
        Path dataDir = Path.of(DEFAULT_DATA_DIR);
        boolean demo = false;
        int simulatedShoppers = DEFAULT_SIMULATED_SHOPPERS;
        double simulatorRate = DEFAULT_SIMULATOR_RATE;
        String adminToken = null;
        ProtectedGroup.Spec protectedGroup = ProtectedGroup.Spec.parse(DEFAULT_PROTECTED_GROUP);
        String bindAddress = DEFAULT_BIND_ADDRESS;
        String apiToken = null;
        List<Path> catalogDirs = new ArrayList<>();
        boolean acceptUnknownItems = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                flag = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            if (flag.equals("--demo") || flag.equals("--accept-unknown-items")) {
                if (inline != null) {
                    throw new UsageException(flag + " takes no value");
                }
                if (flag.equals("--demo")) {
                    demo = true;
                } else {
                    acceptUnknownItems = true;
                }
                continue;
            }
            if (!flag.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String value;
            if (inline != null) {
                value = inline;
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new UsageException(flag + " needs a value");
            }
            switch (flag) {
                case "--bootstrap-servers" -> bootstrapServers = value.strip();
                case "--http-port" -> httpPort = parseInt(flag, value);
                case "--catalog" -> catalog = parsePath(flag, value);
                case "--data" -> dataDir = parsePath(flag, value);
                case "--simulated-shoppers" -> simulatedShoppers = parseInt(flag, value);
                case "--simulator-rate" -> simulatorRate = parseDouble(flag, value);
                case "--admin-token" -> adminToken = value.strip();
                case "--protected-group" -> protectedGroup = checkProtectedGroup(flag, value.strip());
                case "--bind-address" -> bindAddress = checkAddress(flag, value.strip());
                case "--api-token" -> apiToken = value.strip();
                case "--catalog-dir" -> catalogDirs.add(parsePath(flag, value));
                default -> throw new UsageException("unknown flag " + flag);
            }
        }
        if (adminToken == null) {
            String fromEnv = System.getenv(ADMIN_TOKEN_ENV);
            adminToken = fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
        }
        if (apiToken == null) {
            String fromEnv = System.getenv(API_TOKEN_ENV);
            apiToken = fromEnv == null || fromEnv.isBlank() ? null : fromEnv.strip();
        }
        return new ServiceConfig(
                bootstrapServers,
                httpPort,
                catalog,
                dataDir,
                demo,
                simulatedShoppers,
                simulatorRate,
                adminToken,
                protectedGroup,
                bindAddress,
                apiToken,
                catalogDirs,
                acceptUnknownItems);
    }

    /** A literal IP address (no name lookup: a typo must not silently bind somewhere else). */
    private static String checkAddress(String flag, String value) {
        if (!value.matches("[0-9a-fA-F:.]+")) {
            throw new UsageException(flag + " must be an IP address such as 127.0.0.1 or 0.0.0.0, got '" + value + "'");
        }
        try {
            InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new UsageException(flag + " must be an IP address such as 127.0.0.1 or 0.0.0.0, got '" + value + "'");
        }
        return value;
    }

    private static ProtectedGroup.Spec checkProtectedGroup(String flag, String value) {
        try {
            return ProtectedGroup.Spec.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + ": " + e.getMessage());
        }
    }

    private static int parseInt(String flag, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be an integer, got '" + value + "'");
        }
    }

    private static double parseDouble(String flag, String value) {
        try {
            double parsed = Double.parseDouble(value.strip());
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException(flag + " must be a number, got '" + value + "'");
    }

    private static Path parsePath(String flag, String value) {
        if (value.isBlank()) {
            throw new UsageException(flag + " must name a file or folder");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(flag + " is not a valid path: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "bootstrap-servers=%s bind-address=%s http-port=%d catalog=%s data=%s catalog-dirs=%s demo=%s"
                        + " simulated-shoppers=%d simulator-rate=%s admin-token=%s api-token=%s protected-group=%s"
                        + " accept-unknown-items=%s",
                bootstrapServers,
                bindAddress,
                httpPort,
                catalog == null ? "(sample)" : catalog,
                dataDir,
                catalogDirs,
                demo,
                simulatedShoppers,
                simulatorRate,
                adminToken == null ? "(generated)" : "(set)",
                apiToken == null ? "(none)" : "(set)",
                protectedGroup,
                acceptUnknownItems);
    }

    /** A bad command line; the message names the flag. */
    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }
}
