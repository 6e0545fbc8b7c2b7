/* LD_PRELOAD shim for the sanitizer run (run-sanitized-tests.sh): dlclose() does nothing, so that
 * libraries a program loads and unloads at run time (the Mesa OpenGL driver VTK renders with under
 * xvfb, Qt plugins) are still mapped when LeakSanitizer reports at exit. Otherwise their
 * allocations show as "<unknown module>" and cannot be attributed or suppressed by library name. */
int dlclose(void* handle)
{
    (void)handle;
    return 0;
}
