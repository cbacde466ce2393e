// Node-API binding of the exact flat-L2 search. Node-API is ABI-stable, so the same binary loads in Node (tests,
// CLI, web host) and in Electron. The search runs as async work off the JavaScript thread and resolves a promise
// with the micro-kernel's name; results are written into typed arrays the caller passes in. Any C++ exception in
// the search (out of memory, a thread that cannot start, anything else) rejects the promise with an Error whose
// code says which; none escapes into libuv's thread, where it would end the process.
#ifndef NAPI_VERSION
#define NAPI_VERSION 8
#endif
#include <node_api.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <system_error>
#include <thread>

#include "flat_l2_search.h"

namespace {

struct SearchWork {
  napi_async_work work = nullptr;
  napi_deferred deferred = nullptr;
  napi_ref refs[4] = {nullptr, nullptr, nullptr, nullptr};
  FlatL2Problem problem{};
  const char* kernel = "";
  // set by execute when the search threw: an error code and a message (fixed buffers: no allocation after a
  // std::bad_alloc)
  const char* error_code = nullptr;
  char error_message[512] = {0};
};

napi_value throw_type_error(napi_env env, const char* message) {
  napi_throw_type_error(env, "ERR_KNN_KERNEL_ARGUMENT", message);
  return nullptr;
}

bool typed_array(napi_env env, napi_value v, napi_typedarray_type want, void** data, size_t* length) {
  bool is = false;
  if (napi_is_typedarray(env, v, &is) != napi_ok || !is) return false;
  napi_typedarray_type type;
  napi_value buffer;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, length, data, &buffer, &offset) != napi_ok) return false;
  return type == want;
}

bool positive_int(napi_env env, napi_value v, int64_t* out) {
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_number) return false;
  double d;
  napi_get_value_double(env, v, &d);
  if (!(d >= 1) || d != static_cast<double>(static_cast<int64_t>(d))) return false;
  *out = static_cast<int64_t>(d);
  return true;
}

void fail(SearchWork* w, const char* code, const char* what, const char* detail) {
  w->error_code = code;
  std::snprintf(w->error_message, sizeof(w->error_message), "%s%s", what, detail);
}

// Runs on a libuv worker thread: nothing may throw out of here.
void execute(napi_env, void* data) {
  auto* w = static_cast<SearchWork*>(data);
  try {
    w->kernel = flat_l2_search(w->problem);
  } catch (const std::bad_alloc&) {
    const double mb = 16.0 * static_cast<double>(w->problem.m) * static_cast<double>(w->problem.k) / 1e6;
    char detail[200];
    std::snprintf(detail, sizeof(detail), " (%lld queries x k = %lld need %.3g MB of top-k reservoirs per search thread)", static_cast<long long>(w->problem.m),
                  static_cast<long long>(w->problem.k), mb);
    fail(w, "ERR_KNN_KERNEL_OUT_OF_MEMORY", "out of memory", detail);
  } catch (const std::system_error& e) {
    fail(w, "ERR_KNN_KERNEL_THREAD", "could not start a search thread: ", e.what());
  } catch (const std::exception& e) {
    fail(w, "ERR_KNN_KERNEL_FAILED", "the search failed: ", e.what());
  } catch (...) {
    fail(w, "ERR_KNN_KERNEL_FAILED", "the search failed with an unknown C++ exception", "");
  }
}

void complete(napi_env env, napi_status status, void* data) {
  auto* w = static_cast<SearchWork*>(data);
  for (napi_ref r : w->refs) {
    if (r) napi_delete_reference(env, r);
  }
  napi_value result;
  if (status == napi_ok && w->error_code == nullptr) {
    napi_create_string_utf8(env, w->kernel, NAPI_AUTO_LENGTH, &result);
    napi_resolve_deferred(env, w->deferred, result);
  } else {
    const char* code = w->error_code ? w->error_code : "ERR_KNN_KERNEL_CANCELLED";
    const char* text = w->error_code ? w->error_message : "the search was cancelled before it ran";
    napi_value message, code_value;
    napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &message);
    napi_create_string_utf8(env, code, NAPI_AUTO_LENGTH, &code_value);
    napi_create_error(env, code_value, message, &result);
    napi_reject_deferred(env, w->deferred, result);
  }
  napi_delete_async_work(env, w->work);
  delete w;
}

// search(keys: Float32Array, queries: Float32Array, dims, k, threads, outDistances: Float32Array,
//        outIndices: Int32Array): Promise<string>
napi_value Search(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != 7) return throw_type_error(env, "search(keys, queries, dims, k, threads, outDistances, outIndices) takes 7 arguments");
  void *keys, *queries, *out_d, *out_i;
  size_t keys_len, queries_len, out_d_len, out_i_len;
  if (!typed_array(env, argv[0], napi_float32_array, &keys, &keys_len)) return throw_type_error(env, "keys must be a Float32Array");
  if (!typed_array(env, argv[1], napi_float32_array, &queries, &queries_len)) return throw_type_error(env, "queries must be a Float32Array");
  int64_t dims, k, threads;
  if (!positive_int(env, argv[2], &dims)) return throw_type_error(env, "dims must be a positive integer");
  if (!positive_int(env, argv[3], &k)) return throw_type_error(env, "k must be a positive integer");
  if (!positive_int(env, argv[4], &threads)) return throw_type_error(env, "threads must be a positive integer");
  if (!typed_array(env, argv[5], napi_float32_array, &out_d, &out_d_len)) return throw_type_error(env, "outDistances must be a Float32Array");
  if (!typed_array(env, argv[6], napi_int32_array, &out_i, &out_i_len)) return throw_type_error(env, "outIndices must be an Int32Array");
  if (keys_len % dims != 0 || queries_len % dims != 0) return throw_type_error(env, "keys and queries must be whole rows of dims values");
  const int64_t n = static_cast<int64_t>(keys_len) / dims;
  const int64_t m = static_cast<int64_t>(queries_len) / dims;
  if (n > INT32_MAX) return throw_type_error(env, "at most 2^31 - 1 keys");
  if (k > INT32_MAX) return throw_type_error(env, "k must be at most 2^31 - 1");
  if (static_cast<int64_t>(out_d_len) != m * k || static_cast<int64_t>(out_i_len) != m * k) return throw_type_error(env, "outDistances and outIndices must hold queries x k values");

  auto* w = new SearchWork();
  w->problem = FlatL2Problem{static_cast<const float*>(keys), static_cast<const float*>(queries), n, m, dims, k, static_cast<int>(threads),
                             static_cast<float*>(out_d), static_cast<int32_t*>(out_i)};
  // keep the arrays alive while the work runs
  napi_create_reference(env, argv[0], 1, &w->refs[0]);
  napi_create_reference(env, argv[1], 1, &w->refs[1]);
  napi_create_reference(env, argv[5], 1, &w->refs[2]);
  napi_create_reference(env, argv[6], 1, &w->refs[3]);
  napi_value promise, name;
  napi_create_promise(env, &w->deferred, &promise);
  napi_create_string_utf8(env, "scaling-lab:flat-l2-search", NAPI_AUTO_LENGTH, &name);
  napi_create_async_work(env, nullptr, name, execute, complete, w, &w->work);
  napi_queue_async_work(env, w->work);
  return promise;
}

napi_value KernelName(napi_env env, napi_callback_info) {
  napi_value s;
  napi_create_string_utf8(env, flat_l2_kernel_name(), NAPI_AUTO_LENGTH, &s);
  return s;
}

napi_value HardwareThreads(napi_env env, napi_callback_info) {
  napi_value v;
  napi_create_uint32(env, std::max(1u, std::thread::hardware_concurrency()), &v);
  return v;
}

}  // namespace

NAPI_MODULE_INIT() {
  napi_property_descriptor props[] = {
      {"search", nullptr, Search, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"kernelName", nullptr, KernelName, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"hardwareThreads", nullptr, HardwareThreads, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}
