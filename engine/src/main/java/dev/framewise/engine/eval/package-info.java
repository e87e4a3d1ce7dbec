/**
 * {@code framewise eval}: a benchmark folder's questions ({@code BenchmarkFolder}, {@code EvalTask}) asked as
 * cosmos-reason1's evaluate.py asks them ({@code EvalProtocol}, {@code EvalMode}), run as a batch
 * ({@code Evaluation} over {@code batch}'s runner and log), the answers read ({@code AnswerParser},
 * {@code AnswerStyle}), scored and reported ({@code EvalScores}, {@code EvalReport}) and two runs compared
 * ({@code EvalComparison}).
 *
 * <p>Imports {@code api}, {@code batch}, {@code media} and {@code family} (a local model's answer style is its
 * convention's). Nothing in the engine imports it; must not import {@code embedded}, {@code remote}, {@code serve},
 * nor JavaFX.
 */
package dev.framewise.engine.eval;
