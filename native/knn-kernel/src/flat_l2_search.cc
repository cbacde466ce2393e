// Exact squared-L2 top-k search (see flat_l2_search.h for the formula and the papers).
//
// Layout: queries are packed once into panels of MR = 6 rows, dimension-major ([panel][p][6]); each thread packs
// its keys block by block into panels of NR = 16 columns ([panel][p][16]), with each key's squared norm, so one
// micro-kernel call reads 6 query values and 16 key values per dimension and keeps a 6x16 tile of dot products
// in registers. The tile becomes distances minus ||q||^2 (||x||^2 - 2 q.x, which orders keys the same way),
// and only entries below the query's current threshold leave the kernel (a 16-bit mask per row).
#include "flat_l2_search.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <limits>
#include <new>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

// The AVX2/FMA micro-kernel: GCC and Clang compile it with a per-function target attribute, MSVC compiles any
// intrinsic without one. Clang-cl and other compilers get the portable micro-kernel only.
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__))
#define KNN_HAVE_AVX2_PATH 1
#define KNN_TARGET_AVX2 __attribute__((target("avx2,fma")))
#include <immintrin.h>
#elif defined(_MSC_VER) && !defined(__clang__) && (defined(_M_X64) || defined(_M_IX86))
#define KNN_HAVE_AVX2_PATH 1
#define KNN_TARGET_AVX2
#include <immintrin.h>
#endif
#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#endif

namespace {

constexpr int MR = 6;
constexpr int NR = 16;
constexpr float kInf = std::numeric_limits<float>::infinity();

// Index of the lowest set bit of a non-zero mask (count trailing zeros), on every compiler.
inline int lowest_bit(uint32_t m) {
#if defined(_MSC_VER) && !defined(__clang__)
  unsigned long i;
  _BitScanForward(&i, m);
  return static_cast<int>(i);
#elif defined(__GNUC__) || defined(__clang__)
  return __builtin_ctz(m);
#else
  int i = 0;
  while ((m & 1u) == 0) {
    m >>= 1;
    i++;
  }
  return i;
#endif
}

// Order-preserving map of a float to an unsigned integer (so (distance, index) pairs sort as one uint64).
inline uint64_t sortable(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}

// (distance, index) packed so that uint64 order is distance order, ties to the lower index.
inline uint64_t pack_pair(float d, int32_t i) { return (sortable(d) << 32) | static_cast<uint32_t>(i); }

inline float unpack_distance(uint64_t e) {
  uint32_t u = static_cast<uint32_t>(e >> 32);
  u = (u & 0x80000000u) ? (u & 0x7fffffffu) : ~u;
  float d;
  std::memcpy(&d, &u, 4);
  return d;
}

// The k smallest (distance, index) pairs of each query, as reservoirs of 2k packed pairs (the reservoir
// selection FAISS uses for large k): a pair below the query's threshold is appended; a full reservoir keeps its
// k smallest (std::nth_element, linear time) and the threshold becomes the k-th distance. Amortised O(1) per
// pair, where a bounded heap costs O(log k) unpredictable branches (the heap's sift-down was most of the time
// at k = 1024). Keys arrive in increasing index order within a thread, so "strictly below the threshold" keeps
// the lower index on ties, as the reference does.
struct TopK {
  int64_t k;
  int64_t cap;
  std::vector<uint64_t> pairs;  // [queries][cap]
  std::vector<int64_t> size;
  std::vector<float> threshold;
  TopK(int64_t queries, int64_t k_) : k(k_), cap(2 * k_), pairs(queries * 2 * k_), size(queries, 0), threshold(queries, kInf) {}

  float worst(int64_t q) const { return threshold[q]; }

  void push(int64_t q, float d, int32_t i) {
    uint64_t* b = &pairs[q * cap];
    b[size[q]++] = pack_pair(d, i);
    if (size[q] == cap) shrink(q);
  }

  // keep the k smallest; the threshold becomes the k-th distance
  void shrink(int64_t q) {
    uint64_t* b = &pairs[q * cap];
    if (size[q] <= k) return;
    std::nth_element(b, b + (k - 1), b + size[q]);
    size[q] = k;
    threshold[q] = unpack_distance(b[k - 1]);
  }
};

// tile = Q-panel . K-panel^T, then dist = ||x||^2 - 2 tile; mask bit (r, c) set where dist < threshold[r].
// Returns the distances in `tile` (row-major 6x16).
using MicroKernel = void (*)(const float* qp, const float* kp, const float* kn, const float* thr, int64_t dims, float* tile, uint32_t* masks);

void micro_portable(const float* qp, const float* kp, const float* kn, const float* thr, int64_t dims, float* tile, uint32_t* masks) {
  float acc[MR][NR];
  std::memset(acc, 0, sizeof(acc));
  for (int64_t p = 0; p < dims; p++) {
    const float* a = qp + p * MR;
    const float* b = kp + p * NR;
    for (int r = 0; r < MR; r++) {
      const float ar = a[r];
      for (int c = 0; c < NR; c++) acc[r][c] += ar * b[c];
    }
  }
  for (int r = 0; r < MR; r++) {
    uint32_t m = 0;
    for (int c = 0; c < NR; c++) {
      const float d = kn[c] - 2.0f * acc[r][c];
      tile[r * NR + c] = d;
      if (d < thr[r]) m |= 1u << c;
    }
    masks[r] = m;
  }
}

#ifdef KNN_HAVE_AVX2_PATH
KNN_TARGET_AVX2 void micro_avx2(const float* qp, const float* kp, const float* kn, const float* thr, int64_t dims, float* tile, uint32_t* masks) {
  __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
  __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
  __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
  __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
  __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps();
  __m256 c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
  for (int64_t p = 0; p < dims; p++) {
    const __m256 b0 = _mm256_loadu_ps(kp + p * NR);
    const __m256 b1 = _mm256_loadu_ps(kp + p * NR + 8);
    const float* a = qp + p * MR;
    __m256 ar = _mm256_broadcast_ss(a + 0);
    c00 = _mm256_fmadd_ps(ar, b0, c00);
    c01 = _mm256_fmadd_ps(ar, b1, c01);
    ar = _mm256_broadcast_ss(a + 1);
    c10 = _mm256_fmadd_ps(ar, b0, c10);
    c11 = _mm256_fmadd_ps(ar, b1, c11);
    ar = _mm256_broadcast_ss(a + 2);
    c20 = _mm256_fmadd_ps(ar, b0, c20);
    c21 = _mm256_fmadd_ps(ar, b1, c21);
    ar = _mm256_broadcast_ss(a + 3);
    c30 = _mm256_fmadd_ps(ar, b0, c30);
    c31 = _mm256_fmadd_ps(ar, b1, c31);
    ar = _mm256_broadcast_ss(a + 4);
    c40 = _mm256_fmadd_ps(ar, b0, c40);
    c41 = _mm256_fmadd_ps(ar, b1, c41);
    ar = _mm256_broadcast_ss(a + 5);
    c50 = _mm256_fmadd_ps(ar, b0, c50);
    c51 = _mm256_fmadd_ps(ar, b1, c51);
  }
  const __m256 n0 = _mm256_loadu_ps(kn);
  const __m256 n1 = _mm256_loadu_ps(kn + 8);
  const __m256 minus2 = _mm256_set1_ps(-2.0f);
  const __m256 rows[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
  for (int r = 0; r < MR; r++) {
    const __m256 d0 = _mm256_fmadd_ps(minus2, rows[r][0], n0);
    const __m256 d1 = _mm256_fmadd_ps(minus2, rows[r][1], n1);
    _mm256_storeu_ps(tile + r * NR, d0);
    _mm256_storeu_ps(tile + r * NR + 8, d1);
    const __m256 t = _mm256_set1_ps(thr[r]);
    const uint32_t lo = static_cast<uint32_t>(_mm256_movemask_ps(_mm256_cmp_ps(d0, t, _CMP_LT_OQ)));
    const uint32_t hi = static_cast<uint32_t>(_mm256_movemask_ps(_mm256_cmp_ps(d1, t, _CMP_LT_OQ)));
    masks[r] = lo | (hi << 8);
  }
}

#if defined(_MSC_VER) && !defined(__clang__)
// CPUID leaf 1: FMA (ECX bit 12), OSXSAVE (27), AVX (28); XGETBV: the OS saves the YMM state (XCR0 bits 1-2);
// leaf 7: AVX2 (EBX bit 5).
bool cpu_has_avx2_fma() {
  int r[4];
  __cpuid(r, 0);
  if (r[0] < 7) return false;
  __cpuid(r, 1);
  const int need = (1 << 12) | (1 << 27) | (1 << 28);
  if ((r[2] & need) != need) return false;
  if ((_xgetbv(0) & 6) != 6) return false;
  __cpuidex(r, 7, 0);
  return (r[1] & (1 << 5)) != 0;
}
#else
bool cpu_has_avx2_fma() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}
#endif
#endif

struct Kernel {
  MicroKernel fn;
  const char* name;
};

// SCALING_LAB_KNN_PORTABLE=1 forces the portable micro-kernel (tests use it to check that path on AVX2 machines).
Kernel pick_kernel() {
  const char* force = std::getenv("SCALING_LAB_KNN_PORTABLE");
  if (force != nullptr && force[0] == '1') return {micro_portable, "portable"};
#ifdef KNN_HAVE_AVX2_PATH
  if (cpu_has_avx2_fma()) return {micro_avx2, "avx2-fma"};
#endif
  return {micro_portable, "portable"};
}

// Keys per block: the packed block (keys x dims floats) stays near 256 KB so it lives in L2.
int64_t key_block(int64_t dims) {
  int64_t nb = (65536 / std::max<int64_t>(dims, 1)) / NR * NR;
  return std::clamp<int64_t>(nb, NR, 4096);
}

struct Packed {
  std::vector<float> queries;  // [panels][dims][MR]
  int64_t panels;
};

Packed pack_queries(const FlatL2Problem& p) {
  Packed out;
  out.panels = (p.m + MR - 1) / MR;
  out.queries.assign(out.panels * p.dims * MR, 0.0f);
  for (int64_t i = 0; i < p.m; i++) {
    const float* row = p.queries + i * p.dims;
    float* dst = out.queries.data() + (i / MR) * p.dims * MR + (i % MR);
    for (int64_t j = 0; j < p.dims; j++) dst[j * MR] = row[j];
  }
  return out;
}

// Search keys [lo, hi) for every query, into `top` (distances stored without ||q||^2).
void search_range(const FlatL2Problem& p, const Packed& q, const Kernel& kernel, int64_t lo, int64_t hi, TopK& top) {
  const int64_t d = p.dims;
  const int64_t nb_max = key_block(d);
  std::vector<float> kp(nb_max * d);
  std::vector<float> kn(nb_max);  // nb_max is a multiple of NR
  float tile[MR * NR];
  uint32_t masks[MR];
  float thr[MR];
  for (int64_t k0 = lo; k0 < hi; k0 += nb_max) {
    const int64_t nb = std::min(nb_max, hi - k0);
    const int64_t kpanels = (nb + NR - 1) / NR;
    // pack the block, with the squared norms; padding columns get +inf so they never enter a reservoir
    for (int64_t jp = 0; jp < kpanels; jp++) {
      float* dst = kp.data() + jp * d * NR;
      for (int c = 0; c < NR; c++) {
        const int64_t key = jp * NR + c;
        if (key < nb) {
          const float* row = p.keys + (k0 + key) * d;
          double s = 0;
          for (int64_t j = 0; j < d; j++) {
            dst[j * NR + c] = row[j];
            s += static_cast<double>(row[j]) * row[j];
          }
          kn[key] = static_cast<float>(s);
        } else {
          for (int64_t j = 0; j < d; j++) dst[j * NR + c] = 0.0f;
          kn[key] = kInf;
        }
      }
    }
    for (int64_t qp = 0; qp < q.panels; qp++) {
      const float* qpanel = q.queries.data() + qp * d * MR;
      const int64_t q0 = qp * MR;
      for (int r = 0; r < MR; r++) thr[r] = q0 + r < p.m ? top.worst(q0 + r) : -kInf;
      for (int64_t jp = 0; jp < kpanels; jp++) {
        kernel.fn(qpanel, kp.data() + jp * d * NR, kn.data() + jp * NR, thr, d, tile, masks);
        for (int r = 0; r < MR; r++) {
          uint32_t m = masks[r];
          if (m == 0) continue;
          const int64_t query = q0 + r;
          while (m != 0) {
            const int c = lowest_bit(m);
            m &= m - 1;
            const float dist = tile[r * NR + c];
            if (dist < thr[r]) {
              top.push(query, dist, static_cast<int32_t>(k0 + jp * NR + c));
              thr[r] = top.worst(query);
            }
          }
        }
      }
    }
  }
}

// SCALING_LAB_KNN_FAULT makes a search fail on purpose, so tests can check that a failure rejects the promise
// instead of ending the process: "bad_alloc" or "error" throws in the last search thread, "thread" fails as a
// thread that cannot start does. Read once per search, on the worker thread.
enum class Fault { none, bad_alloc, error, thread };

Fault fault_requested() {
  const char* f = std::getenv("SCALING_LAB_KNN_FAULT");
  if (f == nullptr) return Fault::none;
  if (std::strcmp(f, "bad_alloc") == 0) return Fault::bad_alloc;
  if (std::strcmp(f, "error") == 0) return Fault::error;
  if (std::strcmp(f, "thread") == 0) return Fault::thread;
  return Fault::none;
}

void inject_fault() {
  switch (fault_requested()) {
    case Fault::bad_alloc:
      throw std::bad_alloc();
    case Fault::error:
      throw std::runtime_error("fault injected by SCALING_LAB_KNN_FAULT=error");
    default:
      return;
  }
}

// Runs body(0) on this thread and body(1..threads-1) on new threads. An exception in any of them, or a thread
// that cannot start, never escapes a std::thread (that would end the process): every started thread is joined,
// then the first failure is thrown here.
template <typename Body>
void run_threads(int threads, Body body) {
  std::vector<std::exception_ptr> errors(threads);
  std::vector<std::thread> pool;
  pool.reserve(threads);
  auto guarded = [&](int t) {
    try {
      body(t);
    } catch (...) {
      errors[t] = std::current_exception();
    }
  };
  std::exception_ptr start_error;
  try {
    for (int t = 1; t < threads; t++) {
      if (fault_requested() == Fault::thread) throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again), "fault injected by SCALING_LAB_KNN_FAULT=thread");
      pool.emplace_back(guarded, t);
    }
  } catch (...) {
    start_error = std::current_exception();
  }
  if (!start_error) guarded(0);
  for (auto& th : pool) th.join();
  if (start_error) std::rethrow_exception(start_error);
  for (auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace

const char* flat_l2_kernel_name() { return pick_kernel().name; }

const char* flat_l2_search(const FlatL2Problem& p) {
  const Kernel kernel = pick_kernel();
  std::fill(p.out_distances, p.out_distances + p.m * p.k, kInf);
  std::fill(p.out_indices, p.out_indices + p.m * p.k, -1);
  if (p.m == 0 || p.n == 0) return kernel.name;
  const Packed q = pack_queries(p);
  // at least 2048 keys per thread, or threads cost more than they save
  const int threads = static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(std::max(1, p.threads), p.n / 2048)));
  std::vector<TopK> tops;
  tops.reserve(threads);
  for (int t = 0; t < threads; t++) tops.emplace_back(p.m, p.k);
  run_threads(threads, [&](int t) {
    if (t == threads - 1) inject_fault();
    search_range(p, q, kernel, p.n * t / threads, p.n * (t + 1) / threads, tops[t]);
  });

  std::vector<uint64_t> merged;
  merged.reserve(threads * 2 * p.k);
  for (int64_t i = 0; i < p.m; i++) {
    double qn = 0;
    const float* row = p.queries + i * p.dims;
    for (int64_t j = 0; j < p.dims; j++) qn += static_cast<double>(row[j]) * row[j];
    merged.clear();
    for (const TopK& h : tops) merged.insert(merged.end(), h.pairs.begin() + i * h.cap, h.pairs.begin() + i * h.cap + h.size[i]);
    const int64_t take = std::min<int64_t>(p.k, static_cast<int64_t>(merged.size()));
    if (take < static_cast<int64_t>(merged.size())) std::nth_element(merged.begin(), merged.begin() + (take - 1), merged.end());
    std::sort(merged.begin(), merged.begin() + take);
    for (int64_t e = 0; e < take; e++) {
      const double full = qn + unpack_distance(merged[e]);
      p.out_distances[i * p.k + e] = full > 0 ? static_cast<float>(full) : 0.0f;
      p.out_indices[i * p.k + e] = static_cast<int32_t>(merged[e] & 0xffffffffu);
    }
  }
  return kernel.name;
}
