// V8 holds the hidden class that a constructor builds field by field only through the objects that have it. A class
// whose objects live for one analysis (a cursor, a scanner's state) loses its hidden class when they are collected,
// and with it the optimised code of every function that met one ("weak objects" in --trace-deopt): over a 10,000-
// program file, 21-26 functions thrown away after each analysis and run unoptimised in the next until compiled again.
// (An object that one function makes and drops can be a plain literal instead, whose hidden class V8 keeps with the
// literal's boilerplate: celery.ts's Reading.)

const examples: object[] = [];

/** Keeps `example`, an object of a short-lived class made as the analysis makes them, for as long as the process runs. */
export function keepShape(example: object): void {
  examples.push(example);
}
