package dev.videogen.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A job as a graph of tasks, each with its duration and the tasks it waits for: its critical path (the longest
 * chain, what no number of slots can shorten), its total work, and its makespan on N slots by list scheduling.
 * Tasks are added after the tasks they wait for, so the order of addition is a topological order.
 */
final class TaskGraph {
  /** One task: the stage it belongs to, its seconds, the indices of the tasks it waits for. */
  record Task(String stage, double seconds, int[] after) {}

  private final List<Task> tasks = new ArrayList<>();

  /** Adds a task that starts once every task in {@code after} is done; returns its index. */
  int add(String stage, double seconds, int... after) {
    for (int t : after) {
      if (t < 0 || t >= tasks.size()) {
        throw new IllegalArgumentException("task " + t + " is not in the graph yet");
      }
    }
    if (!(seconds >= 0)) {
      throw new IllegalArgumentException(stage + ": seconds must be ≥ 0, was " + seconds);
    }
    tasks.add(new Task(stage, seconds, after.clone()));
    return tasks.size() - 1;
  }

  /** Adds {@code count} tasks of one stage, each waiting for {@code after}; returns their indices. */
  int[] addEach(String stage, int count, double seconds, int... after) {
    int[] added = new int[count];
    for (int k = 0; k < count; k++) {
      added[k] = add(stage, seconds, after);
    }
    return added;
  }

  List<Task> tasks() {
    return List.copyOf(tasks);
  }

  /** All the tasks' seconds: the makespan on one slot. */
  double work() {
    return tasks.stream().mapToDouble(Task::seconds).sum();
  }

  /** Each task's bottom level: its seconds plus the longest chain of tasks that wait for it, to the end. */
  private double[] bottomLevels() {
    double[] level = new double[tasks.size()];
    for (int t = tasks.size() - 1; t >= 0; t--) {
      level[t] += tasks.get(t).seconds();
      for (int before : tasks.get(t).after()) {
        level[before] = Math.max(level[before], level[t]);
      }
    }
    return level;
  }

  /** The longest chain of tasks, in order: the makespan on unlimited slots. */
  List<Task> criticalPath() {
    double[] level = bottomLevels();
    List<List<Integer>> next = successors();
    List<Task> path = new ArrayList<>();
    int current = -1;
    for (int t = 0; t < tasks.size(); t++) {
      if (tasks.get(t).after().length == 0 && (current < 0 || level[t] > level[current])) {
        current = t;
      }
    }
    while (current >= 0) {
      path.add(tasks.get(current));
      int best = -1;
      for (int s : next.get(current)) {
        if (best < 0 || level[s] > level[best]) {
          best = s;
        }
      }
      current = best;
    }
    return path;
  }

  double criticalSeconds() {
    return criticalPath().stream().mapToDouble(Task::seconds).sum();
  }

  /**
   * The makespan on {@code slots} slots by list scheduling: whenever a slot is free it takes, of the tasks whose
   * inputs are all done, the one with the longest chain still ahead of it (its bottom level). Within 2× of the
   * optimum (Graham), and close to it when tasks are many and short.
   */
  double makespan(int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be ≥ 1, was " + slots);
    }
    double[] level = bottomLevels();
    List<List<Integer>> next = successors();
    int[] waitingFor = new int[tasks.size()];
    PriorityQueue<Integer> ready = new PriorityQueue<>(
        Comparator.<Integer>comparingDouble(t -> -level[t]).thenComparingInt(t -> t));
    for (int t = 0; t < tasks.size(); t++) {
      waitingFor[t] = tasks.get(t).after().length;
      if (waitingFor[t] == 0) {
        ready.add(t);
      }
    }
    record Running(double end, int task) {}
    PriorityQueue<Running> running = new PriorityQueue<>(
        Comparator.comparingDouble(Running::end).thenComparingInt(Running::task));
    double now = 0;
    while (!ready.isEmpty() || !running.isEmpty()) {
      while (running.size() < slots && !ready.isEmpty()) {
        int t = ready.poll();
        running.add(new Running(now + tasks.get(t).seconds(), t));
      }
      Running done = running.poll();
      now = done.end();
      for (int s : next.get(done.task())) {
        if (--waitingFor[s] == 0) {
          ready.add(s);
        }
      }
    }
    return now;
  }

  private List<List<Integer>> successors() {
    List<List<Integer>> next = new ArrayList<>();
    tasks.forEach(task -> next.add(new ArrayList<>()));
    for (int t = 0; t < tasks.size(); t++) {
      for (int before : tasks.get(t).after()) {
        next.get(before).add(t);
      }
    }
    return next;
  }
}
