/**
 * Leaderboards rendered from merged runs: the shared model ({@link org.nathear.results.boards.Leaderboard}),
 * Markdown, CSV and self-contained HTML renderers with charts, the DoA error table of localization tasks
 * and escaping of names that come from files ({@link org.nathear.results.boards.SafeText}).
 */
package org.nathear.results.boards;
