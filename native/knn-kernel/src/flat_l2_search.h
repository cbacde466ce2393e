// Exact k-nearest-neighbour search under squared L2 distance by brute force, as FAISS's IndexFlatL2 does
// (Johnson, Douze and Jegou 2019): ||q - x||^2 = ||q||^2 - 2 q.x + ||x||^2. The dot products are a blocked
// matrix product (queries packed in 6-row panels, keys in 16-column panels, a 6x16 register micro-kernel as in
// Goto and van de Geijn 2008, "Anatomy of high-performance matrix multiplication"), and each 6x16 tile of
// distances goes straight into per-query reservoirs of 2k pairs that keep the k smallest by selection (as FAISS
// does for large k). Keys are split over threads; the per-thread reservoirs are merged at the end.
#pragma once
#include <cstdint>

struct FlatL2Problem {
  const float* keys;       // [n, dims] row-major
  const float* queries;    // [m, dims] row-major
  int64_t n;
  int64_t m;
  int64_t dims;
  int64_t k;
  int threads;
  float* out_distances;    // [m, k] ascending; +inf where fewer than k keys
  int32_t* out_indices;    // [m, k]; -1 where fewer than k keys
};

// Runs the search; returns the name of the micro-kernel used ("avx2-fma" or "portable").
const char* flat_l2_search(const FlatL2Problem& p);

// The micro-kernel this machine would use.
const char* flat_l2_kernel_name();
