package dev.recsys.ranker.cf;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Implicit-feedback alternating least squares (Hu, Koren &amp; Volinsky, "Collaborative Filtering for
 * Implicit Feedback Datasets", ICDM 2008). Minimises
 *
 * <pre>
 *   Σ_{u,i} c_ui (p_ui − x_uᵀ y_i)² + λ (Σ_u ‖x_u‖² + Σ_i ‖y_i‖²)
 * </pre>
 *
 * over every (shopper, item) pair, with {@code p_ui = 1} for a positive weight w, 0 otherwise, and
 * {@code c_ui = 1 + α·|w|} (1 for pairs never seen). Each half-step fixes one side and solves every row
 * of the other exactly as {@link ImplicitFoldIn} does, using the YᵀY trick so a row costs
 * O(n_u·k² + k³) (Cholesky) or O(s·(k² + n_u·k)) for s conjugate-gradient steps warm-started at the
 * previous factor (Takács, Pilászy &amp; Tikk, RecSys 2011).
 *
 * <p>Rows are solved in parallel on a fixed pool of named threads. Each row's solve reads only the
 * fixed side and writes only its own row, and the Gram matrix and loss are summed in one thread in index
 * order, so the result is bit-for-bit the same for any thread count and any scheduling. The initial
 * item factors come from a {@link Random} seeded with {@link Config#seed()}.
 */
public final class ImplicitAls {
    /** How each row's least-squares system is solved. */
    public enum Solver {
        /** Exact: the loss never increases from one iteration to the next. */
        CHOLESKY,
        /** Approximate and several times faster for k ≥ 32; what the implicit library uses by default. */
        CONJUGATE_GRADIENT
    }

    /**
     * @param factors k, 1 to {@link Cholesky#MAX_SIZE}
     * @param lambda regularisation λ, positive
     * @param alpha confidence scale α, not negative
     * @param iterations full alternations (shopper step then item step), at least 1
     * @param threads size of the worker pool, at least 1
     * @param seed seed of the initial item factors
     * @param solver how rows are solved
     * @param cgSteps conjugate-gradient steps per row (ignored for Cholesky), at least 1
     */
    public record Config(
            int factors,
            double lambda,
            double alpha,
            int iterations,
            int threads,
            long seed,
            Solver solver,
            int cgSteps) {
        public static final int DEFAULT_FACTORS = 64;
        public static final double DEFAULT_LAMBDA = 50;
        public static final double DEFAULT_ALPHA = 1.0;
        public static final int DEFAULT_ITERATIONS = 15;
        public static final long DEFAULT_SEED = 42;
        public static final int DEFAULT_CG_STEPS = 3;

        public Config {
            if (factors < 1 || factors > Cholesky.MAX_SIZE) {
                throw new IllegalArgumentException(
                        "factors must be between 1 and " + Cholesky.MAX_SIZE + ", got " + factors);
            }
            if (!(lambda > 0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("lambda must be positive, got " + lambda);
            }
            if (!(alpha >= 0) || !Double.isFinite(alpha)) {
                throw new IllegalArgumentException("alpha must not be negative, got " + alpha);
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            if (solver == null) {
                throw new IllegalArgumentException("solver must not be null");
            }
            if (cgSteps < 1) {
                throw new IllegalArgumentException("cgSteps must be at least 1, got " + cgSteps);
            }
        }

        /**
         * 64 factors, λ 50, α 1, 15 iterations, conjugate gradient with 3 steps, one thread per core:
         * the values chosen on the MovieLens validation split (docs/EVALUATION.md).
         */
        public static Config defaults() {
            return new Config(
                    DEFAULT_FACTORS,
                    DEFAULT_LAMBDA,
                    DEFAULT_ALPHA,
                    DEFAULT_ITERATIONS,
                    Runtime.getRuntime().availableProcessors(),
                    DEFAULT_SEED,
                    Solver.CONJUGATE_GRADIENT,
                    DEFAULT_CG_STEPS);
        }

        public Config withFactors(int value) {
            return new Config(value, lambda, alpha, iterations, threads, seed, solver, cgSteps);
        }

        public Config withLambda(double value) {
            return new Config(factors, value, alpha, iterations, threads, seed, solver, cgSteps);
        }

        public Config withAlpha(double value) {
            return new Config(factors, lambda, value, iterations, threads, seed, solver, cgSteps);
        }

        public Config withIterations(int value) {
            return new Config(factors, lambda, alpha, value, threads, seed, solver, cgSteps);
        }

        public Config withThreads(int value) {
            return new Config(factors, lambda, alpha, iterations, value, seed, solver, cgSteps);
        }

        public Config withSeed(long value) {
            return new Config(factors, lambda, alpha, iterations, threads, value, solver, cgSteps);
        }

        public Config withSolver(Solver value) {
            return new Config(factors, lambda, alpha, iterations, threads, seed, value, cgSteps);
        }
    }

    /** Rows per task: large enough to amortise scheduling, small enough to balance 2 to 16 threads. */
    private static final int BLOCK = 64;

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Config config;

    public ImplicitAls(Config config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
    }

    public Config config() {
        return config;
    }

    /** Trains on the matrix; the pool lives for this call only. */
    public AlsModel train(RatingMatrix matrix) {
        if (matrix == null) {
            throw new IllegalArgumentException("matrix must not be null");
        }
        int k = config.factors();
        float[][] x = new float[matrix.users()][k];
        float[][] y = new float[matrix.items()][k];
        Random random = new Random(config.seed());
        double scale = 0.1 / Math.sqrt(k);
        for (float[] row : y) {
            for (int f = 0; f < k; f++) {
                row[f] = (float) (random.nextGaussian() * scale);
            }
        }
        List<Double> losses = new ArrayList<>();
        int pool = POOLS.incrementAndGet();
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "implicit-als-" + pool + "-worker-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ExecutorService executor = Executors.newFixedThreadPool(config.threads(), factory);
        try {
            double[] yty = null;
            for (int iteration = 0; iteration < config.iterations(); iteration++) {
                yty = ImplicitFoldIn.gram(y, k);
                solveAll(executor, x, y, yty, matrix, true);
                double[] xtx = ImplicitFoldIn.gram(x, k);
                solveAll(executor, y, x, xtx, matrix, false);
                yty = ImplicitFoldIn.gram(y, k);
                losses.add(loss(matrix, x, y, yty, config.lambda(), config.alpha()));
            }
            return new AlsModel(config, x, y, yty, losses);
        } finally {
            executor.shutdownNow();
        }
    }

    /** Solves every row of {@code target} against the fixed {@code other} side, whose Gram matrix is given. */
    private void solveAll(
            ExecutorService executor, float[][] target, float[][] other, double[] gram, RatingMatrix m, boolean users) {
        List<Future<?>> tasks = new ArrayList<>();
        for (int start = 0; start < target.length; start += BLOCK) {
            int from = start;
            int to = Math.min(target.length, start + BLOCK);
            tasks.add(executor.submit(() -> {
                RowSolver solver = new RowSolver(config, gram);
                for (int row = from; row < to; row++) {
                    int begin = users ? m.userStart(row) : m.itemStart(row);
                    int end = users ? m.userEnd(row) : m.itemEnd(row);
                    int[] cols = new int[end - begin];
                    float[] weights = new float[end - begin];
                    for (int at = begin; at < end; at++) {
                        cols[at - begin] = users ? m.userItem(at) : m.itemUser(at);
                        weights[at - begin] = users ? m.userWeight(at) : m.itemWeight(at);
                    }
                    target[row] = solver.solve(target[row], other, cols, weights);
                }
            }));
        }
        try {
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a row solve failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * The objective, computed without visiting every pair: Σ_all (x·y)² = Σ_u x_uᵀ (YᵀY) x_u, and each
     * observed pair corrects its term from {@code s²} to {@code c (p − s)²}. Summed in index order.
     */
    static double loss(RatingMatrix m, float[][] x, float[][] y, double[] yty, double lambda, double alpha) {
        int k = (int) Math.round(Math.sqrt(yty.length));
        double total = 0;
        for (int u = 0; u < x.length; u++) {
            float[] xu = x[u];
            for (int i = 0; i < k; i++) {
                double row = 0;
                for (int j = 0; j < k; j++) {
                    row += yty[i * k + j] * xu[j];
                }
                total += xu[i] * row;
            }
            for (int at = m.userStart(u); at < m.userEnd(u); at++) {
                double s = dot(xu, y[m.userItem(at)]);
                double w = m.userWeight(at);
                double p = w > 0 ? 1 : 0;
                total += confidence(w, alpha) * (p - s) * (p - s) - s * s;
            }
        }
        double regularisation = 0;
        for (float[] row : x) {
            regularisation += dot(row, row);
        }
        for (float[] row : y) {
            regularisation += dot(row, row);
        }
        return total + lambda * regularisation;
    }

    static double confidence(double weight, double alpha) {
        return 1 + alpha * Math.abs(weight);
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
