# An object-oriented task scheduler in the spirit of Richards.
class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * 4

    def append_to(self, lst):
        self.link = None
        if lst is None:
            return self
        p = lst
        while p.link is not None:
            p = p.link
        p.link = self
        return lst

class Task:
    def __init__(self, scheduler, ident, priority, queue):
        self.scheduler = scheduler
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.runs = 0

    def run(self, packet):
        self.runs += 1
        if packet is not None:
            packet.datum = (packet.datum + self.ident * 7 + self.runs) % 1009
            return packet
        return None

class Scheduler:
    def __init__(self):
        self.tasks = []
        self.handled = 0

    def add(self, task):
        self.tasks.append(task)
        self.tasks.sort(key=lambda t: -t.priority)

    def schedule(self, rounds):
        total = 0
        for r in range(rounds):
            for t in self.tasks:
                pkt = t.queue
                if pkt is not None:
                    t.queue = pkt.link
                    out = t.run(pkt)
                    total += out.datum
                    nxt = self.tasks[(t.ident + 1) % len(self.tasks)]
                    nxt.queue = out.append_to(nxt.queue)
                    self.handled += 1
                else:
                    t.run(None)
        return total

s = Scheduler()
for i in range(10):
    q = None
    for j in range(3):
        q = Packet(None, j, i % 2).append_to(q)
    s.add(Task(s, i, i * 3 % 7, q))
print(s.schedule(450000), s.handled)
