# A player (pika). Its one server-named, exclusive queue is bound to game.state with
# room.<id>.state and is also the reply_to of its actions: state updates, its snapshot, its
# errors and its rewards all arrive there, and the queue dies with the connection.
#
#   /usr/bin/python3 game/player.py NAME [ROOM]            # watch the room, play from the keyboard
#   /usr/bin/python3 game/player.py NAME [ROOM] --bot      # a headless bot (--actions N --rate R)
#
# Commands (one per line): w/a/s/d (move), x NAME (attack), move DX DY, attack NAME, join,
# leave, l or leaderboard (ask the room's server, an RPC over direct reply-to), raw ROUTING_KEY
# BODY (send anything, as a broken client might), q (leave and quit).
# --json prints every message received as '<< {json}' and every confirmed action as
# '>> {json}' instead of drawing the room (for tests and scripts).
import argparse
import itertools
import json
import os
import random
import sys
import threading
import uuid

import pika

import rules

parser = argparse.ArgumentParser()
parser.add_argument('name')
parser.add_argument('room', nargs='?', default='1')
parser.add_argument('--bot', action='store_true')
parser.add_argument('--actions', type=int, default=100)
parser.add_argument('--rate', type=float, default=2.0)
parser.add_argument('--json', action='store_true')
args = parser.parse_args()


class View:
    """What this player knows of its room (see RoomView.java): a snapshot, then every later update."""

    def __init__(self):
        self.seq = -1
        self.room = None
        self.early = {}
        self.errors = []
        self.rewards = []
        self.gaps = []

    def accept(self, message):
        kind = message.get('type')
        if kind == 'snapshot':
            if self.seq < 0 or message['seq'] > self.seq:
                self.seq, self.room = message['seq'], message
            for seq in sorted(self.early):
                if seq > self.seq:
                    self._apply(self.early[seq])
            self.early.clear()
        elif kind == 'state':
            if self.seq < 0:
                self.early[message['seq']] = message
            elif message['seq'] > self.seq:
                self._apply(message)
        elif kind == 'error':
            self.errors.append(message)
        elif kind == 'reward':
            self.rewards.append(message)

    def _apply(self, update):
        if update['seq'] != self.seq + 1:
            self.gaps.append('expected seq %d, got %d' % (self.seq + 1, update['seq']))
        self.seq, self.room = update['seq'], update

    def me(self):
        for p in (self.room or {}).get('players', []):
            if p['name'] == args.name:
                return p
        return None

    def render(self):
        if self.room is None:
            return 'joining...\n'
        w, h = self.room['w'], self.room['h']
        grid = [['.'] * w for _ in range(h)]
        for p in self.room['players']:
            if 0 <= p['x'] < w and 0 <= p['y'] < h:
                grid[p['y']][p['x']] = '@' if p['name'] == args.name else p['name'][0].lower()
        lines = ['room %s  seq %d  you are @ (%s)' % (self.room['room'], self.room['seq'], args.name)]
        lines += [' ' + ' '.join(row) for row in grid]
        lines += [' %-12s hp %3d  score %d  at (%d,%d)' % (p['name'], p['hp'], p['score'], p['x'], p['y'])
                  for p in self.room['players']]
        if 'event' in self.room:
            lines.append(' last: ' + json.dumps(self.room['event']))
        if self.errors:
            lines.append(' error: %s: %s' % (self.errors[-1]['code'], self.errors[-1]['message']))
        lines.append(' loot: ' + ' '.join(r['item'] for r in self.rewards))
        lines.append(' w/a/s/d + Enter: move   x NAME: attack   l: leaderboard   q: leave')
        return '\x1b[H\x1b[2J' + '\n'.join(lines) + '\n'


view = View()
connection = pika.BlockingConnection(rules.amqp_parameters())
channel = connection.channel()
rules.declare_exchanges(channel)
queue = channel.queue_declare('', exclusive=True, auto_delete=True).method.queue
channel.queue_bind(queue, rules.STATE_EXCHANGE, rules.state_key(args.room))
channel.confirm_delivery()  # basic_publish returns once the broker has the action
counter = itertools.count(1)
DIRECT_REPLY_TO = 'amq.rabbitmq.reply-to'  # RPC answers come straight to this channel, no queue
asked = set()  # correlation ids of leaderboard requests not answered yet


def on_message(ch, method, properties, body):
    try:
        message = json.loads(body.decode('utf-8'))
    except ValueError:
        return
    view.accept(message)
    if args.json:
        print('<< ' + json.dumps(message, separators=(',', ':')), flush=True)
    elif not args.bot:
        sys.stdout.write(view.render())
        sys.stdout.flush()


def on_answer(ch, method, properties, body):
    """An RPC answer through direct reply-to: matched by correlation_id, like the tutorial's RPC client."""
    if properties.correlation_id not in asked:
        return
    asked.discard(properties.correlation_id)
    try:
        message = json.loads(body.decode('utf-8'))
    except ValueError:
        return
    if args.json:
        print('<< ' + json.dumps(message, separators=(',', ':')), flush=True)
    elif message.get('type') == 'leaderboard':
        print('leaderboard of room %s: %s' % (message['room'], ', '.join(
            '%s %d' % (p['name'], p['score']) for p in message['players'])), flush=True)
    else:
        print('error: %s' % message.get('message'), flush=True)


def ask_leaderboard():
    correlation_id = str(uuid.uuid4())
    asked.add(correlation_id)
    action = {'player': args.name, 'seq': 0, 'kind': rules.LEADERBOARD}
    channel.basic_publish(rules.ACTIONS_EXCHANGE, rules.action_key(args.room, rules.LEADERBOARD), rules.dumps(action),
                          pika.BasicProperties(content_type='application/json', reply_to=DIRECT_REPLY_TO,
                                               correlation_id=correlation_id))
    if args.json:
        print('>> ' + json.dumps(action, separators=(',', ':')), flush=True)


def send(kind, **fields):
    seq = next(counter)
    action = dict(fields, player=args.name, seq=seq, kind=kind)
    publish(rules.action_key(args.room, kind), rules.dumps(action), '%s:%d' % (args.name, seq))
    if args.json:
        print('>> ' + json.dumps(action, separators=(',', ':')), flush=True)


def publish(routing_key, body, message_id):
    channel.basic_publish(rules.ACTIONS_EXCHANGE, routing_key, body,
                          pika.BasicProperties(content_type='application/json', reply_to=queue,
                                               message_id=message_id))


def command(line):
    words = line.split()
    if not words:
        return
    steps = {'w': (0, -1), 's': (0, 1), 'a': (-1, 0), 'd': (1, 0)}
    if words[0] in steps:
        send('move', dx=steps[words[0]][0], dy=steps[words[0]][1])
    elif words[0] == 'move' and len(words) == 3:
        send('move', dx=int(words[1]), dy=int(words[2]))
    elif words[0] in ('x', 'attack') and len(words) == 2:
        send('attack', target=words[1])
    elif words[0] in ('l', 'leaderboard'):
        ask_leaderboard()
    elif words[0] in ('join', 'leave'):
        send(words[0])
    elif words[0] == 'raw' and len(words) >= 2:
        publish(words[1], line.split(None, 2)[2].encode('utf-8') if len(words) > 2 else b'', 'raw')
        if args.json:
            print('>> raw', flush=True)
    elif words[0] in ('q', 'quit'):
        send('leave')
        channel.stop_consuming()
    elif words[0] == 'disconnect':  # vanish without leaving, like a crashed client
        os._exit(0)


def read_commands():
    for line in sys.stdin:
        connection.add_callback_threadsafe(lambda line=line: command(line.strip()))
    connection.add_callback_threadsafe(lambda: command('q'))


def bot_step(remaining):
    if remaining == 0:
        print(view.render().replace('\x1b[H\x1b[2J', ''), flush=True)
        print(' [x] %s: %d updates seen, %d gaps, %d errors, loot %s' % (
            args.name, view.seq, len(view.gaps), len(view.errors), [r['item'] for r in view.rewards]), flush=True)
        command('q')
        return
    me = view.me()
    if me is not None:
        neighbours = [p['name'] for p in view.room['players']
                      if p['name'] != args.name and abs(p['x'] - me['x']) <= 1 and abs(p['y'] - me['y']) <= 1]
        if neighbours and random.random() < 0.5:
            send('attack', target=random.choice(neighbours))
        else:
            moves = [(dx, dy) for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))
                     if 0 <= me['x'] + dx < view.room['w'] and 0 <= me['y'] + dy < view.room['h']]
            dx, dy = random.choice(moves)
            send('move', dx=dx, dy=dy)
    connection.call_later(1.0 / args.rate, lambda: bot_step(remaining - 1))


channel.basic_consume(queue=queue, on_message_callback=on_message, auto_ack=True)
channel.basic_consume(queue=DIRECT_REPLY_TO, on_message_callback=on_answer, auto_ack=True)
send('join')
if args.bot:
    connection.call_later(1.0 / args.rate, lambda: bot_step(args.actions))
else:
    threading.Thread(target=read_commands, daemon=True).start()
print(' [*] %s playing in room %s (queue %s). To exit press CTRL+C' % (args.name, args.room, queue), flush=True)
try:
    channel.start_consuming()
except KeyboardInterrupt:
    send('leave')
connection.close()
