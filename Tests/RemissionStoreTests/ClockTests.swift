import RemissionCore
import RemissionStore
import Testing

@Suite struct ClockTests {
    @Test func tickIsMonotonicWhenTheWallClockGoesBackwards() {
        var clock = HybridLogicalClock(last: HLCTimestamp(rawValue: 0))
        var previous = HLCTimestamp(rawValue: 0)
        let walls: [Int64] = [1000, 2000, 1500, 500, 2000, 2000, 2001, 10, 3000, 2999, 3000]
        for now in walls {
            let stamp = clock.tick(now: now)
            #expect(stamp > previous, "tick at \(now) gave \(stamp.rawValue) after \(previous.rawValue)")
            #expect(stamp.physical >= now)
            #expect(clock.last == stamp)
            previous = stamp
        }
        #expect(previous == HLCTimestamp(physical: 3000, logical: 2))
    }

    @Test func tickFollowsTheWallClockWhenItMovesOn() {
        var clock = HybridLogicalClock(last: HLCTimestamp(physical: 1000, logical: 7))
        let first = clock.tick(now: 1000)
        let second = clock.tick(now: 1001)
        #expect(first == HLCTimestamp(physical: 1000, logical: 8))
        #expect(second == HLCTimestamp(physical: 1001, logical: 0))
    }

    /// 16 bits of logical counter: a wall clock stuck for 65,536 events must not wrap
    /// the stamp back below earlier ones.
    @Test func tickStaysMonotonicPastTheLogicalCounterLimit() {
        var clock = HybridLogicalClock(last: HLCTimestamp(rawValue: 0))
        var previous = clock.tick(now: 5000)
        for _ in 0..<70_000 {
            let stamp = clock.tick(now: 5000)
            if stamp <= previous {
                Issue.record("stamp \(stamp.rawValue) not after \(previous.rawValue)")
                return
            }
            previous = stamp
        }
    }

    @Test func receiveTakesTheMaximumAndBumps() {
        var clock = HybridLogicalClock(last: HLCTimestamp(physical: 1000, logical: 3))
        // Remote ahead of both: its physical, its logical + 1.
        #expect(receive(&clock, HLCTimestamp(physical: 2000, logical: 5), now: 1500))
        #expect(clock.last == HLCTimestamp(physical: 2000, logical: 6))
        // Wall clock ahead of both: wall time, logical 0.
        #expect(receive(&clock, HLCTimestamp(physical: 2500, logical: 9), now: 3000))
        #expect(clock.last == HLCTimestamp(physical: 3000, logical: 0))
        // All three equal: the greater logical + 1.
        #expect(receive(&clock, HLCTimestamp(physical: 3000, logical: 4), now: 3000))
        #expect(clock.last == HLCTimestamp(physical: 3000, logical: 5))
        // Remote behind: local bumps.
        #expect(receive(&clock, HLCTimestamp(physical: 10, logical: 0), now: 2000))
        #expect(clock.last == HLCTimestamp(physical: 3000, logical: 6))
        // A stamp received is always before the next local one.
        let remote = HLCTimestamp(physical: 3500, logical: 0xFFFF)
        #expect(receive(&clock, remote, now: 3500))
        #expect(clock.last > remote, "received \(remote.rawValue), clock now \(clock.last.rawValue)")
        let next = clock.tick(now: 0)
        #expect(next > remote)
    }

    @Test func receiveOfAStampMoreThanAnHourAheadIsRefusedAndLeavesTheClock() {
        let start = HLCTimestamp(physical: 1_000_000, logical: 2)
        var clock = HybridLogicalClock(last: start)
        let now: Int64 = 1_000_500
        let farAhead = HLCTimestamp(physical: now + HybridLogicalClock.maximumDrift + 1, logical: 0)
        #expect(!receive(&clock, farAhead, now: now))
        #expect(clock.last == start)
        #expect(!receive(&clock, HLCTimestamp(physical: now + 365 * 86_400_000, logical: 0), now: now))
        #expect(clock.last == start)
        // Exactly an hour ahead is still trusted.
        let edge = HLCTimestamp(physical: now + HybridLogicalClock.maximumDrift, logical: 0)
        #expect(receive(&clock, edge, now: now))
        #expect(clock.last == HLCTimestamp(physical: edge.physical, logical: 1))
        #expect(HybridLogicalClock.maximumDrift == 3_600_000)
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_795_162_502_120, "2026-11-20T08:15:02.120Z"),
        (1_709_251_199_999, "2024-02-29T23:59:59.999Z"),
        (946_684_800_001, "2000-01-01T00:00:00.001Z"),
        (1_772_323_200_000, "2026-03-01T00:00:00.000Z")
    ])
    func iso8601(milliseconds: Int64, expected: String) {
        #expect(HLCTimestamp(physical: milliseconds, logical: 0).iso8601 == expected)
        #expect(HLCTimestamp(physical: milliseconds, logical: 0xFFFF).iso8601 == expected, "the logical counter is not time")
    }

    @Test func stampsOrderByPhysicalThenLogical() {
        let a = HLCTimestamp(physical: 1000, logical: 0xFFFF)
        let b = HLCTimestamp(physical: 1001, logical: 0)
        #expect(a < b)
        #expect(a.physical == 1000 && a.logical == 0xFFFF)
        #expect(HLCTimestamp(rawValue: b.rawValue) == b)
    }

    /// `receive` is mutating, which `#expect` cannot call directly.
    func receive(_ clock: inout HybridLogicalClock, _ remote: HLCTimestamp, now: Int64) -> Bool {
        clock.receive(remote, now: now)
    }
}
