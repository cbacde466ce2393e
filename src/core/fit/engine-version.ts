/**
 * The fitting engine's version, stored with every fit beside the app version (package.json). Raise it whenever a
 * change to src/core/fit can change a fitted number (an optimiser setting, a start grid, a tolerance, a formula):
 * a re-derived fit that differs from its stored numbers then says whether the engine changed in between.
 * (A hash of the engine's source would also change on comments and formatting; the constant is the honest claim.)
 */
export const FIT_ENGINE_VERSION = 1
