package org.nathear.runner.metrics;

import java.util.Arrays;

/**
 * Maximum-cardinality bipartite matching (Hopcroft–Karp), as sed_eval's {@code bipartite_match}
 * computes it for event matching. Only the size of the matching enters the event F-measure, and
 * every maximum matching has the same size, so which one is found does not matter.
 */
final class BipartiteMatching {
    private static final int NONE = -1;

    private BipartiteMatching() {
    }

    /**
     * @param adjacency for each left vertex, the right vertices it may match (indices below {@code rightCount})
     * @return the number of matched pairs of a maximum matching
     */
    static int maximum(int[][] adjacency, int rightCount) {
        int left = adjacency.length;
        int[] matchLeft = new int[left];
        int[] matchRight = new int[rightCount];
        Arrays.fill(matchLeft, NONE);
        Arrays.fill(matchRight, NONE);
        int[] dist = new int[left];
        int[] queue = new int[left];
        int matched = 0;
        while (true) {
            // BFS from free left vertices builds the layers of shortest augmenting paths
            int head = 0;
            int tail = 0;
            for (int u = 0; u < left; u++) {
                if (matchLeft[u] == NONE) {
                    dist[u] = 0;
                    queue[tail++] = u;
                } else {
                    dist[u] = Integer.MAX_VALUE;
                }
            }
            boolean found = false;
            while (head < tail) {
                int u = queue[head++];
                for (int v : adjacency[u]) {
                    int w = matchRight[v];
                    if (w == NONE) {
                        found = true;
                    } else if (dist[w] == Integer.MAX_VALUE) {
                        dist[w] = dist[u] + 1;
                        queue[tail++] = w;
                    }
                }
            }
            if (!found) {
                return matched;
            }
            int[] next = new int[left];
            for (int u = 0; u < left; u++) {
                if (matchLeft[u] == NONE && augment(u, adjacency, matchLeft, matchRight, dist, next)) {
                    matched++;
                }
            }
        }
    }

    /** Iterative DFS along the BFS layers; flips the path when it reaches a free right vertex. */
    private static boolean augment(int start, int[][] adjacency, int[] matchLeft, int[] matchRight, int[] dist,
                                   int[] next) {
        int[] stack = new int[adjacency.length + 1];
        int top = 0;
        stack[top++] = start;
        while (top > 0) {
            int u = stack[top - 1];
            if (next[u] >= adjacency[u].length) {
                dist[u] = Integer.MAX_VALUE; // dead end: never visit again in this phase
                top--;
                continue;
            }
            int v = adjacency[u][next[u]];
            int w = matchRight[v];
            if (w == NONE) {
                // free right vertex: flip the path stack[0] → … → u → v
                for (int k = top - 1; k >= 0; k--) {
                    int uu = stack[k];
                    int vv = adjacency[uu][next[uu]];
                    matchLeft[uu] = vv;
                    matchRight[vv] = uu;
                }
                return true;
            }
            if (w != u && dist[w] == dist[u] + 1) {
                stack[top++] = w;
            } else {
                next[u]++;
            }
        }
        return false;
    }
}
