// Records keyed by names the user chose (services, stores, sites, build args). A plain `{}` answers
// `constructor` or `toString` with Object.prototype's function and treats `__proto__` as its
// prototype, so a service named that way would read or write the wrong thing.

/** An empty record with no prototype: every key, `__proto__` included, is just a name. */
export function byName<T>(): Record<string, T> {
    return Object.create(null) as Record<string, T>;
}

/** The value `record` holds under its own key `key` (never one inherited from Object.prototype). */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
    return record !== undefined && record !== null && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Sets `record[key]` as an own property, even for `__proto__` (plain `=` would replace the prototype). */
export function put<T>(record: Record<string, T>, key: string, value: T): void {
    // defineProperty only where `=` would not do: it is far slower on records of many keys.
    if (key === "__proto__") Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
    else record[key] = value;
}
