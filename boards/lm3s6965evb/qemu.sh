# How QEMU boots this board; sourced (bash) by qemu/run and read by
# tests/integration/device.py. The image goes in with -kernel; the runner
# adds the console and the -nic, using QEMU_NIC_MODEL for the guest side.
QEMU_SYSTEM=qemu-system-arm
QEMU_MACHINE=lm3s6965evb
QEMU_NIC_MODEL=stellaris
# Extra flags, space-separated (none needed: the machine fixes CPU and RAM).
QEMU_EXTRA=""
# Console noise that is QEMU's, not ours: "Timer with period zero,
# disabling" (printed at machine reset, before the image runs) and
# "Slirp: Failed to send packet" (a host client knocked before the
# firmware enabled the receiver: the model refuses frames until then).
# No HTTPS on this board (board.cmake turns TLS off): no 443 forward.
QEMU_TLS=no
