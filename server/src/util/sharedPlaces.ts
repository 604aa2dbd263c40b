// Where each name stands in a short list of named things (a section's keys, a command line's options), shared by every
// list that names the same things in the same order: a conf.d of workers copied from one another writes a handful of
// orders, so each order's map is made once and a name is then found by one lookup instead of a scan of the list.

/** One step along the orders seen: the orders that go on with each next name, and the map of the order ending here. */
interface Step {
  next: Map<string, Step> | undefined;
  places: ReadonlyMap<string, number> | undefined;
}

const newStep = (): Step => ({ next: undefined, places: undefined });

/** Steps kept before the orders start over (a server sees every order its files ever had): 4 MB in all. */
const MAX_STEPS = 16_384;
/** A longer list gets a map of its own: copies of a list that long are rare, and its path would fill the steps. */
const MAX_SHARED_LENGTH = 256;

/** Where each name of `items` stands, the last place of a repeated name. */
function placesOf<T>(items: readonly T[], nameOf: (item: T) => string): Map<string, number> {
  const places = new Map<string, number>();
  for (let i = 0; i < items.length; i++) places.set(nameOf(items[i]), i);
  return places;
}

export class SharedPlaces<T> {
  private first = newStep();
  private steps = 0;
  /** The names of the last list and their places: lists mostly come in runs of one order, compared name by name. */
  private lastNames: string[] = [];
  private lastPlaces: ReadonlyMap<string, number> = new Map();

  constructor(private readonly nameOf: (item: T) => string) {}

  /** Where each name of `items` stands; a name written twice stands at its last place. */
  of(items: readonly T[]): ReadonlyMap<string, number> {
    const { nameOf } = this;
    if (items.length > MAX_SHARED_LENGTH) return placesOf(items, nameOf);
    if (this.sameAsLast(items)) return this.lastPlaces;
    if (this.steps + items.length > MAX_STEPS) {
      this.first = newStep();
      this.steps = 0;
    }
    let step = this.first;
    for (let i = 0; i < items.length; i++) {
      const name = nameOf(items[i]);
      const next = (step.next ??= new Map());
      let after = next.get(name);
      if (after === undefined) {
        next.set(name, (after = newStep()));
        this.steps++;
      }
      step = after;
    }
    step.places ??= placesOf(items, nameOf);
    this.lastNames = items.map(nameOf);
    return (this.lastPlaces = step.places);
  }

  private sameAsLast(items: readonly T[]): boolean {
    const { lastNames, nameOf } = this;
    if (items.length !== lastNames.length) return false;
    for (let i = 0; i < items.length; i++) if (nameOf(items[i]) !== lastNames[i]) return false;
    return true;
  }
}
