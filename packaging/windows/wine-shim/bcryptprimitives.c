/*
 * bcryptprimitives.c: a stand-in for Windows' bcryptprimitives.dll, for the
 * Wine smoke test only (packaging/windows/winesmoke). Never shipped.
 *
 * Go's runtime (1.24 and later) loads bcryptprimitives.dll from system32 at
 * start-up and calls ProcessPrng for its random numbers; Wine 8 has no such
 * DLL, so without this file a Go .exe dies before main. Every Windows 10/11
 * has the real one.
 *
 * ProcessPrng fills the buffer from RtlGenRandom (advapi32's
 * SystemFunction036), Wine's cryptographic generator. RtlGenRandom takes a
 * ULONG length, so large requests are filled in chunks.
 *
 * Built by the smoke test with:
 *   x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll \
 *       bcryptprimitives.c bcryptprimitives.def -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}
