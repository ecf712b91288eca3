# prints total CPU ticks of postgres processes, the server node, and others
pg=$(for p in $(pgrep -u postgres); do awk '{print $14+$15}' /proc/$p/stat 2>/dev/null; done | paste -sd+ | bc)
srv=$(for p in $(pgrep -f "cli.ts serve"); do awk '{print $14+$15}' /proc/$p/stat; done | paste -sd+ | bc)
echo "$pg $srv"
