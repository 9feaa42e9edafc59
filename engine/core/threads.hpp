#pragma once
// The worker-thread count when the user names none: all cores TBB may use.

namespace strider {

int default_thread_count();

}  // namespace strider
