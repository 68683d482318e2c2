# How QEMU boots this board; sourced (bash) by qemu/run and read by
# tests/integration/device.py. The image goes in with -kernel; the runner
# adds the console and the -nic, using QEMU_NIC_MODEL for the guest side.
QEMU_SYSTEM=qemu-system-arm
QEMU_MACHINE=mps2-an385
QEMU_NIC_MODEL=lan9118
# Extra flags, space-separated. Semihosting: board_entropy() reads the
# host's /dev/urandom through it (board.c); without it HTTPS stays off.
QEMU_EXTRA="-semihosting-config enable=on,target=native"
