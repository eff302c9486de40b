package dev.tabletalk.coretests.support;

import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.support.SystemClock;
import dev.tabletalk.testkit.contract.ClockContract;

class SystemClockTest extends ClockContract {

    @Override
    protected Clock clock() {
        return new SystemClock();
    }
}
