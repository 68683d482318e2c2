# How QEMU boots this board; sourced (bash) by qemu/run and tests/run.
# The image goes in with -kernel; the runner adds the console and the
# -nic/-netdev it wants, using QEMU_NIC_MODEL for the guest side.
QEMU_SYSTEM=qemu-system-arm
QEMU_MACHINE=mps2-an385
QEMU_NIC_MODEL=lan9118
# Board-specific extras (none needed: the machine fixes CPU and memory).
QEMU_EXTRA_FLAGS=()
