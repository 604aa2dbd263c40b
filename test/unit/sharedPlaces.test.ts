import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SharedPlaces } from '../../server/src/util/sharedPlaces';

test('each list gets the places of its own names, the last of a repeated name winning, whatever orders came before', () => {
  const places = new SharedPlaces<string>((name) => name);
  const lists = [['a', 'b', 'c'], ['a', 'b'], ['a', 'b', 'c'], ['b', 'a'], [], ['a', 'a', 'b', 'a'], ['c']];
  const maps = lists.map((list) => places.of(list));
  lists.forEach((list, i) => assert.deepEqual([...maps[i]].sort(), [...new Map(list.map((name, at) => [name, at]))].sort(), list.join()));
  // The same order is one map; an order cut short is another.
  assert.equal(maps[0], maps[2]);
  assert.notEqual(maps[0], maps[1]);
});

test('past the steps it keeps, the orders start over and still answer right', () => {
  const places = new SharedPlaces<string>((name) => name);
  const before = places.of(['x', 'y']);
  // Orders of one name each, a step apiece: more than the steps kept.
  for (let i = 0; i < 70_000; i++) assert.equal(places.of([`k${i}`]).get(`k${i}`), 0);
  const after = places.of(['x', 'y']);
  assert.deepEqual([...after], [...before]);
  assert.notEqual(after, before);
});

test('a long list gets a map of its own, right, and leaves the shared orders as they were', () => {
  const places = new SharedPlaces<string>((name) => name);
  const short = places.of(['x', 'y']);
  const long = [...Array.from({ length: 1000 }, (_, i) => `k${i}`), 'k5'];
  const map = places.of(long);
  assert.equal(map.get('k999'), 999);
  assert.equal(map.get('k5'), 1000);
  assert.notEqual(places.of(long), map);
  places.of(['z']);
  assert.equal(places.of(['x', 'y']), short);
});
